/* Command options: "--name value", "--name=value" and flags. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const optspec *find_spec(const optspec *specs, const char *name, size_t len)
{
	for (const optspec *s = specs; s->name; s++)
		if (strlen(s->name) == len && strncmp(s->name, name, len) == 0)
			return s;
	return NULL;
}

int args_parse(cli *c, args *a, int argc, char **argv, const optspec *specs)
{
	memset(a, 0, sizeof *a);
	a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
	a->opts = calloc((size_t)argc + 1, sizeof *a->opts);
	if (!a->pos || !a->opts) {
		args_free(a);
		fprintf(stderr, "cxotrack: out of memory\n");
		return EXIT_FAILED;
	}
	int only_pos = 0;
	for (int i = 0; i < argc; i++) {
		char *arg = argv[i];
		static char output[] = "--output";
		if (!only_pos && strcmp(arg, "-o") == 0)
			arg = output; /* the one short option: -o FILE */
		if (only_pos || arg[0] != '-' || arg[1] != '-' || !arg[2]) {
			if (!only_pos && strcmp(arg, "--") == 0) {
				only_pos = 1;
				continue;
			}
			a->pos[a->npos++] = arg;
			continue;
		}
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		unsigned flags;
		if (specs) {
			const optspec *s = find_spec(specs, name, len);
			if (!s) {
				args_free(a);
				return cli_usage(c, "unknown option --%.*s", (int)len, name);
			}
			flags = s->flags;
			if (!(flags & OPT_REPEAT)) {
				for (size_t k = 0; k < a->nopt; k++)
					if (strcmp(a->opts[k].name, s->name) == 0) {
						args_free(a);
						return cli_usage(c, "--%s is given twice", s->name);
					}
			}
			name = s->name;
		} else {
			/* record fields: any option; a value follows unless the next
			 * argument is another option (a boolean flag) */
			flags = OPT_VALUE | OPT_REPEAT;
			if (!eq && (i + 1 >= argc || (argv[i + 1][0] == '-' && argv[i + 1][1] == '-')))
				flags = OPT_REPEAT;
			if (eq)
				arg[2 + len] = '\0';
		}
		opt *o = &a->opts[a->nopt++];
		o->name = name;
		o->value = NULL;
		if (eq) {
			if (!(flags & OPT_VALUE)) {
				args_free(a);
				return cli_usage(c, "--%s takes no value", name);
			}
			o->value = eq + 1;
		} else if (flags & OPT_VALUE) {
			if (i + 1 >= argc) {
				args_free(a);
				return cli_usage(c, "--%s needs a value", name);
			}
			o->value = argv[++i];
		}
	}
	return EXIT_DONE;
}

void args_free(args *a)
{
	free(a->pos);
	free(a->opts);
	a->pos = NULL;
	a->opts = NULL;
	a->npos = a->nopt = 0;
}

const char *args_get(const args *a, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < a->nopt; i++)
		if (strcmp(a->opts[i].name, name) == 0)
			v = a->opts[i].value;
	return v;
}

int args_has(const args *a, const char *name)
{
	for (size_t i = 0; i < a->nopt; i++)
		if (strcmp(a->opts[i].name, name) == 0)
			return 1;
	return 0;
}
