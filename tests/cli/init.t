# init creates an empty database, and refuses to overwrite one.
$ cxotrack init
created test.db
$ cxotrack init
cxotrack: test.db already exists
[1]
$ cxotrack --db other.db --json init
{"created":true}
$ cxotrack meetings
ID  KIND  DATE  PLACE  PARTICIPANTS  TOPICS
$ cxotrack topics
ID  TITLE  STATUS  LAST SEEN
# no database at all: the path is named
$ cxotrack --db missing.db topics
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# a file that is not a cxotrack database
$ printf 'hello' > not.db && cxotrack --db not.db topics
cxotrack: not.db is not a cxotrack database (not a SQLite file)
[1]
$ sqlite3 foreign.db 'CREATE TABLE t(x)' && cxotrack --db foreign.db topics
cxotrack: foreign.db is not a cxotrack database (a SQLite file of another application)
[1]
# $CXOTRACK_DB is used, and --db wins over it
$ CXOTRACK_DB=env.db cxotrack init && ls env.db
created env.db
env.db
$ CXOTRACK_DB=env.db cxotrack --db test.db meetings
ID  KIND  DATE  PLACE  PARTICIPANTS  TOPICS
