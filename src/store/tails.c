/* The last observation of each history, remembered through a bulk write.
 *
 * Writing an observation checks the steps into and out of it against its
 * neighbours in time, and first that it is not stored already: three index
 * probes of the observation table, about a third of a bulk write's work. A
 * bulk write in the caller's explicit transaction mostly writes each history
 * in time order, so the new observation comes after the last one stored: if
 * the handle remembers, per history, the point and status of the last one it
 * wrote, it needs none of the three.
 *
 * What is remembered describes the database as it was when the handle last
 * wrote an observation through here. Any other change since (another kind of
 * record, an observation updated, deleted or moved with its meeting, a
 * savepoint rolled back after it wrote, the whole transaction lost) shows in
 * the connection's count of changed rows, sqlite3_total_changes64(), or in the
 * handle's generation, and the table is then forgotten whole rather than
 * kept up to date: a table that is wrong would let a refused transition or a
 * duplicate through. Only the caller's explicit transaction, which holds the
 * write lock, keeps others from changing the file between two writes. */
#include "db.h"
#include "../util/alloc.h"

#include <string.h>

static size_t slot_of(const cxo__tails *t, int64_t topic, int64_t lifecycle)
{
	uint64_t h = (uint64_t)topic * UINT64_C(0x9E3779B97F4A7C15) ^ (uint64_t)lifecycle * UINT64_C(0xC2B2AE3D27D4EB4F);
	return (size_t)(h ^ h >> 29) & (t->cap - 1);
}

/* The table as the database now is: emptied if anything changed it since the
 * table last saw it. */
static void sync(cxo_db *db)
{
	cxo__tails *t = &db->tails;
	int64_t changes = sqlite3_total_changes64(db->sql);
	if (db->explicit_txn && !sqlite3_get_autocommit(db->sql) && t->gen == db->gen && t->witness == changes)
		return;
	if (++t->epoch == 0) { /* after 2^32 resets: free every slot by hand */
		for (size_t i = 0; i < t->cap; i++)
			t->slot[i].epoch = 0;
		t->epoch = 1;
	}
	t->n = 0;
	t->gen = db->gen;
	t->witness = changes;
	t->pending = 0;
}

static cxo__tail *lookup(cxo__tails *t, int64_t topic, int64_t lifecycle, int *fresh)
{
	if (!t->cap)
		return NULL;
	for (size_t i = slot_of(t, topic, lifecycle);; i = (i + 1) & (t->cap - 1)) {
		cxo__tail *s = &t->slot[i];
		if (s->epoch != t->epoch) {
			*fresh = 1;
			return s;
		}
		if (s->topic == topic && s->lifecycle == lifecycle) {
			*fresh = 0;
			return s;
		}
	}
}

const cxo__tail *cxo__tail_get(cxo_db *db, int64_t topic, int64_t lifecycle)
{
	sync(db);
	int fresh;
	cxo__tail *s = lookup(&db->tails, topic, lifecycle, &fresh);
	return s && !fresh ? s : NULL;
}

void cxo__tail_expect(cxo_db *db, int64_t topic, int64_t lifecycle, const char *pos, long status)
{
	sync(db);
	cxo__tails *t = &db->tails;
	size_t n = strlen(pos);
	if (!db->explicit_txn || n >= sizeof t->next.pos)
		return; /* not worth keeping: its history is read back next time */
	t->next.topic = topic;
	t->next.lifecycle = lifecycle;
	t->next.status = (int32_t)status;
	memcpy(t->next.pos, pos, n + 1);
	t->pending = 1;
}

/* Double the table, keeping what it holds; on failure it stays as it was. */
static int grow(cxo__tails *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	cxo__tail *slot = cxo__malloc(cap * sizeof *slot);
	if (!slot)
		return 0;
	cxo__tails bigger = { .slot = slot, .cap = cap, .epoch = 1 };
	for (size_t i = 0; i < cap; i++)
		slot[i].epoch = 0;
	for (size_t i = 0; i < t->cap; i++) {
		if (t->slot[i].epoch != t->epoch)
			continue;
		int fresh;
		cxo__tail *s = lookup(&bigger, t->slot[i].topic, t->slot[i].lifecycle, &fresh);
		*s = t->slot[i];
		s->epoch = bigger.epoch;
	}
	cxo__free(t->slot);
	t->slot = slot;
	t->cap = cap;
	t->epoch = bigger.epoch;
	return 1;
}

void cxo__tail_written(cxo_db *db, int64_t topic, int64_t lifecycle, const char *pos)
{
	cxo__tails *t = &db->tails;
	int expected = t->pending && t->next.topic == topic && t->next.lifecycle == lifecycle &&
	               strcmp(t->next.pos, pos) == 0;
	t->pending = 0;
	/* the table must have been right just before this write: then only the
	 * expected observation (and its audit entry and sources) came since */
	if (!expected || !db->explicit_txn || t->gen != db->gen)
		return;
	int fresh = 1;
	cxo__tail *s = lookup(t, topic, lifecycle, &fresh);
	if (fresh && (t->n + 1) * 4 > t->cap * 3) { /* kept at most 3/4 full */
		/* without room the history is just not remembered */
		s = grow(t) ? lookup(t, topic, lifecycle, &fresh) : NULL;
	}
	if (s) {
		if (fresh)
			t->n++;
		*s = t->next;
		s->epoch = t->epoch;
	}
	t->witness = sqlite3_total_changes64(db->sql);
}

void cxo__tails_fini(cxo_db *db)
{
	cxo__free(db->tails.slot);
	memset(&db->tails, 0, sizeof db->tails);
}

void cxo__tails_rebase(cxo_db *db, int64_t before)
{
	if (db->tails.witness == before)
		db->tails.witness = sqlite3_total_changes64(db->sql);
}
