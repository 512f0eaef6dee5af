-- A cxotrack database of schema version 1 (cxotrack 0.1.0 before the full data
-- model), dumped with the sqlite3 tool: the migration test opens it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  op TEXT NOT NULL,
  entity TEXT NOT NULL,
  key TEXT NOT NULL,
  before TEXT,
  after TEXT,
  parent INTEGER REFERENCES audit(id)
) STRICT;
INSERT INTO audit VALUES(1,'2026-11-30T09:21:50.299Z','root','create','meeting','cto-2013-bangkok',NULL,'{"id":"cto-2013-bangkok","kind":"cto","date":"2013-11-18","city":"Bangkok","country":"TH","participants":23,"sources":[{"ref":"Bangkok communique"}]}',NULL);
INSERT INTO audit VALUES(2,'2026-11-30T09:21:50.303Z','root','create','meeting','cto-2015-budapest',NULL,'{"id":"cto-2015-budapest","kind":"cto","date":"2015-10-11"}',NULL);
INSERT INTO audit VALUES(3,'2026-11-30T09:21:50.306Z','root','create','topic','imt-2020',NULL,'{"id":"imt-2020","title":"5G / IMT-2020","description":"the fifth generation of mobile networks","aliases":["5G"]}',NULL);
INSERT INTO audit VALUES(4,'2026-11-30T09:21:50.310Z','root','create','observation','imt-2020 cto cto-2013-bangkok',NULL,'{"topic":"imt-2020","lifecycle":"cto","meeting":"cto-2013-bangkok","status":"raised","qualifier":"agreed","note":"2020 network requirements"}',NULL);
INSERT INTO audit VALUES(5,'2026-11-30T09:21:50.313Z','root','create','observation','imt-2020 cto cto-2015-budapest',NULL,'{"topic":"imt-2020","lifecycle":"cto","meeting":"cto-2015-budapest","status":"prioritized","qualifier":"agreed"}',NULL);
CREATE TABLE lifecycle (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT,
  enforce TEXT NOT NULL CHECK (enforce IN ('off', 'warn', 'strict')),
  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  note TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  origin INTEGER
) STRICT;
INSERT INTO lifecycle VALUES(1,'cto','Standardization topic lifecycle (CTO/CxO meetings)','warn',1,NULL,0,NULL);
CREATE TABLE status (
  id INTEGER PRIMARY KEY,
  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id) ON DELETE CASCADE,
  slug TEXT NOT NULL,
  title TEXT,
  rank INTEGER,
  terminal INTEGER NOT NULL DEFAULT 0 CHECK (terminal IN (0, 1)),
  pos INTEGER NOT NULL,
  note TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  UNIQUE (lifecycle, slug)
) STRICT;
INSERT INTO status VALUES(1,1,'raised','Raised',1,0,1,NULL,0);
INSERT INTO status VALUES(2,1,'prioritized','Prioritized',2,0,2,NULL,0);
INSERT INTO status VALUES(3,1,'assigned','Assigned',3,0,3,NULL,0);
INSERT INTO status VALUES(4,1,'in-progress','In progress',4,0,4,NULL,0);
INSERT INTO status VALUES(5,1,'delivered','Delivered',5,0,5,NULL,0);
INSERT INTO status VALUES(6,1,'closed','Closed',6,1,6,NULL,0);
INSERT INTO status VALUES(7,1,'dropped','Dropped',NULL,1,7,NULL,0);
CREATE TABLE transition (
  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  from_status INTEGER NOT NULL REFERENCES status(id) ON DELETE CASCADE,
  to_status INTEGER NOT NULL REFERENCES status(id) ON DELETE CASCADE,
  PRIMARY KEY (lifecycle, pos)
) STRICT, WITHOUT ROWID;
INSERT INTO transition VALUES(1,1,1,1);
INSERT INTO transition VALUES(1,2,1,2);
INSERT INTO transition VALUES(1,3,1,3);
INSERT INTO transition VALUES(1,4,1,4);
INSERT INTO transition VALUES(1,5,1,5);
INSERT INTO transition VALUES(1,6,1,6);
INSERT INTO transition VALUES(1,7,1,7);
INSERT INTO transition VALUES(1,8,2,2);
INSERT INTO transition VALUES(1,9,2,3);
INSERT INTO transition VALUES(1,10,2,4);
INSERT INTO transition VALUES(1,11,2,5);
INSERT INTO transition VALUES(1,12,2,6);
INSERT INTO transition VALUES(1,13,2,7);
INSERT INTO transition VALUES(1,14,3,3);
INSERT INTO transition VALUES(1,15,3,4);
INSERT INTO transition VALUES(1,16,3,5);
INSERT INTO transition VALUES(1,17,3,6);
INSERT INTO transition VALUES(1,18,3,7);
INSERT INTO transition VALUES(1,19,4,4);
INSERT INTO transition VALUES(1,20,4,5);
INSERT INTO transition VALUES(1,21,4,6);
INSERT INTO transition VALUES(1,22,4,7);
INSERT INTO transition VALUES(1,23,5,5);
INSERT INTO transition VALUES(1,24,5,6);
INSERT INTO transition VALUES(1,25,5,7);
INSERT INTO transition VALUES(1,26,6,6);
INSERT INTO transition VALUES(1,27,7,7);
CREATE TABLE meeting (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('cto', 'cxo', 'consultation', 'workshop', 'tsag', 'wtsa', 'other')),
  series TEXT,
  ordinal INTEGER,
  date TEXT NOT NULL,
  end_date TEXT,
  city TEXT,
  country TEXT,
  host TEXT,
  participants INTEGER,
  note TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  origin INTEGER,
  pos TEXT NOT NULL UNIQUE
) STRICT;
INSERT INTO meeting VALUES(1,'cto-2013-bangkok','cto',NULL,NULL,'2013-11-18',NULL,'Bangkok','TH',NULL,23,NULL,0,1,'2013-11-180cto-2013-bangkok');
INSERT INTO meeting VALUES(2,'cto-2015-budapest','cto',NULL,NULL,'2015-10-11',NULL,NULL,NULL,NULL,NULL,NULL,0,2,'2015-10-110cto-2015-budapest');
CREATE TABLE agenda (
  meeting INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  topic TEXT NOT NULL,
  PRIMARY KEY (meeting, pos)
) STRICT, WITHOUT ROWID;
CREATE TABLE meeting_source (
  meeting INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  ref TEXT,
  url TEXT,
  quote TEXT,
  PRIMARY KEY (meeting, pos)
) STRICT, WITHOUT ROWID;
INSERT INTO meeting_source VALUES(1,0,'Bangkok communique',NULL,NULL);
CREATE TABLE topic (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT,
  note TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  origin INTEGER
) STRICT;
INSERT INTO topic VALUES(1,'imt-2020','5G / IMT-2020','the fifth generation of mobile networks',NULL,0,3);
CREATE TABLE topic_tag (
  topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (topic, tag)
) STRICT, WITHOUT ROWID;
CREATE TABLE topic_alias (
  topic INTEGER NOT NULL REFERENCES topic(id) ON DELETE CASCADE,
  alias TEXT NOT NULL,
  PRIMARY KEY (topic, alias)
) STRICT, WITHOUT ROWID;
INSERT INTO topic_alias VALUES(1,'5G');
CREATE TABLE observation (
  id INTEGER PRIMARY KEY,
  topic INTEGER NOT NULL REFERENCES topic(id),
  lifecycle INTEGER NOT NULL REFERENCES lifecycle(id),
  meeting INTEGER REFERENCES meeting(id),
  date TEXT,
  status INTEGER NOT NULL REFERENCES status(id),
  qualifier TEXT NOT NULL CHECK (qualifier IN ('agreed', 'noted', 'inferred')),
  priority TEXT CHECK (priority IN ('high', 'medium', 'low')),
  note TEXT,
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  origin INTEGER,
  pos TEXT NOT NULL,
  CHECK ((meeting IS NULL) <> (date IS NULL))
) STRICT;
INSERT INTO observation VALUES(1,1,1,1,NULL,1,'agreed',NULL,'2020 network requirements',0,4,'2013-11-180cto-2013-bangkok');
INSERT INTO observation VALUES(2,1,1,2,NULL,2,'agreed',NULL,NULL,0,5,'2015-10-110cto-2015-budapest');
CREATE TABLE observation_source (
  observation INTEGER NOT NULL REFERENCES observation(id) ON DELETE CASCADE,
  pos INTEGER NOT NULL,
  ref TEXT,
  url TEXT,
  quote TEXT,
  PRIMARY KEY (observation, pos)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_entity ON audit(entity, key);
CREATE INDEX audit_time ON audit(time);
CREATE INDEX audit_parent ON audit(parent) WHERE parent IS NOT NULL;
CREATE UNIQUE INDEX observation_key ON observation(topic, lifecycle, pos);
CREATE INDEX observation_meeting ON observation(meeting) WHERE meeting IS NOT NULL;
CREATE INDEX observation_status ON observation(status);
CREATE INDEX observation_lifecycle ON observation(lifecycle);
COMMIT;
PRAGMA application_id = 1129860948;
PRAGMA user_version = 1;
