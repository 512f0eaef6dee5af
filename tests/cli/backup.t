# backup: a consistent copy of the database, usable like the original.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2015-budapest --kind cto --ordinal 7 --date 2015-10-11 --city Budapest --country HU --participants 14
added meeting cto-2015-budapest
$ cxotrack add topic imt-2020 --title '5G / IMT-2020'
added topic imt-2020
$ cxotrack observe imt-2020 cto-2015-budapest in-progress
imt-2020 at cto-2015-budapest: in-progress
$ cxotrack backup copy.db
backed up test.db to copy.db
$ cxotrack --db copy.db topics
ID        TITLE          STATUS       LAST SEEN
imt-2020  5G / IMT-2020  in-progress  cto-2015-budapest (2015-10-11)
$ cxotrack --db copy.db meetings
ID                 KIND  DATE        PLACE         PARTICIPANTS  TOPICS
cto-2015-budapest  cto   2015-10-11  Budapest, HU            14       1
# the copy is a database of its own: changing it leaves the original as it was
$ cxotrack --db copy.db add topic iot --title 'Internet of Things'
added topic iot
$ cxotrack topics
ID        TITLE          STATUS       LAST SEEN
imt-2020  5G / IMT-2020  in-progress  cto-2015-budapest (2015-10-11)
# an existing file is replaced
$ cxotrack backup copy.db && cxotrack --db copy.db topics
backed up test.db to copy.db
ID        TITLE          STATUS       LAST SEEN
imt-2020  5G / IMT-2020  in-progress  cto-2015-budapest (2015-10-11)
$ mkdir backups && cxotrack --json backup backups/2015.db
{"backup":"backups/2015.db"}
$ cxotrack --db backups/2015.db topic imt-2020
imt-2020: 5G / IMT-2020

POINT              DATE        STATUS       MOVEMENT  QUALIFIER  SOURCES
cto-2015-budapest  2015-10-11  in-progress  new       agreed
$ ls backups/*.db
backups/2015.db
# a backup is not a change: the log has no entry for it
$ cxotrack log --since 2000 | wc -l
4
# command-line errors
$ cxotrack backup
cxotrack backup: needs the FILE to write
usage: cxotrack backup FILE
[2]
$ cxotrack backup a.db b.db
cxotrack backup: needs the FILE to write
usage: cxotrack backup FILE
[2]
$ cxotrack backup a.db --force
cxotrack backup: unknown option --force
usage: cxotrack backup FILE
[2]
$ cxotrack backup --help
usage: cxotrack backup FILE

write a consistent copy of the database, even while it is in use

  FILE is created, or replaced if it exists.
# refused
$ cxotrack backup missing-dir/copy.db
cxotrack: backup: cannot write missing-dir/copy.db: unable to open database file
[1]
$ cxotrack backup ''
cxotrack: backup: the path is empty
[1]
$ cxotrack --db missing.db backup copy2.db
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]
# nothing was written by the failures
$ ls *.db
copy.db
test.db
