# import and export: a database written out as canonical JSON, read back into a
# new one byte for byte, and the errors that leave the database as it was.
# Meetings and topics from ../shared/data/itu-facts.json.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --ordinal 5 --date 2013-11-18 --city Bangkok --country TH --participants 23
added meeting cto-2013-bangkok
$ cxotrack add meeting cto-2014-doha --kind cto --ordinal 6 --date 2014-12-06 --city Doha --country QA --participants 15
added meeting cto-2014-doha
$ cxotrack add topic cloud --title 'Cloud computing'
added topic cloud
$ cxotrack add topic sdn --title 'Software-defined networking' --aliases SDN
added topic sdn
$ cxotrack observe cloud cto-2013-bangkok raised
cloud at cto-2013-bangkok: raised
$ cxotrack observe cloud cto-2014-doha prioritized
cloud at cto-2014-doha: prioritized
$ cxotrack observe sdn cto-2014-doha raised --qualifier noted
sdn at cto-2014-doha: raised
$ cxotrack export -o all.json
# a second database from the file is the same database
$ cxotrack --db copy.db init
created copy.db
$ cxotrack --db copy.db import all.json
imported 1 document
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
meetings            2        0          0        0
topics              2        0          0        0
observations        3        0          0        0
$ cxotrack --db copy.db export | cmp - all.json && echo identical
identical
# importing the same file again changes nothing
$ cxotrack --db copy.db import all.json
imported 1 document
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
meetings            0        0          2        0
topics              0        0          2        0
observations        0        0          3        0
# --check reads and checks everything and writes nothing
$ cxotrack --db empty.db init
created empty.db
$ cxotrack --db empty.db import --check all.json
checked 1 document (nothing written)
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
meetings            2        0          0        0
topics              2        0          0        0
observations        3        0          0        0
$ cxotrack --db empty.db meetings
ID  KIND  DATE  PLACE  PARTICIPANTS  TOPICS
# one part: a meeting with what it refers to
$ cxotrack export --meeting cto-2014-doha | grep -c '"id"'
11
$ cxotrack export --meeting cto-1999 
cxotrack: export: there is no meeting "cto-1999"
[1]
# a bad record names itself and its field, and nothing of the file lands
$ sed 's/"participants": 15/"participants": -1/' all.json > bad.json
$ cxotrack --db empty.db import bad.json
cxotrack: meetings[1].participants: -1 is negative
[1]
$ cxotrack --db empty.db meetings
ID  KIND  DATE  PLACE  PARTICIPANTS  TOPICS
$ printf '{"format": "cxotrack", "version": 1, "topics": [{"id": "x", "title": "X", "colour": "red"}]}' > unknown.json
$ cxotrack --db empty.db import unknown.json
cxotrack: topics[0]: unknown field "colour" (a topic has: id, title, description, tags, aliases, note, uncertain, relations, links)
[1]
$ cxotrack --db empty.db import --lenient unknown.json
cxotrack: warning: topics[0]: unknown field "colour" ignored
imported 1 document
KIND    CREATED  UPDATED  UNCHANGED  DELETED
topics        1        0          0        0
$ printf '{"format": "cxotrack", "version": 1, "topics": [' > truncated.json
$ cxotrack --db empty.db import truncated.json
cxotrack: truncated.json: line 1, column 49: unexpected end of the document (truncated?)
[1]
$ cxotrack --db empty.db import missing.json
cxotrack: missing.json: No such file or directory
[1]
# --replace makes the database exactly the file: the topic x goes
$ cxotrack --db empty.db import --replace all.json
imported 1 document
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
meetings            2        0          0        0
topics              2        0          0        1
observations        3        0          0        0
$ cxotrack --db empty.db topics
ID     TITLE                        STATUS       LAST SEEN
cloud  Cloud computing              prioritized  cto-2014-doha (2014-12-06)
sdn    Software-defined networking  raised       cto-2014-doha (2014-12-06)
$ cxotrack --db empty.db export | cmp - all.json && echo identical
identical
# standard input, into a database that must exist
$ cat all.json | cxotrack --db stdin.db import -
cxotrack: no database at stdin.db (create one with `cxotrack init`)
[1]
$ cxotrack --db stdin.db init
created stdin.db
$ cat all.json | cxotrack --db stdin.db import -
imported 1 document
KIND          CREATED  UPDATED  UNCHANGED  DELETED
lifecycles          0        0          1        0
meetings            2        0          0        0
topics              2        0          0        0
observations        3        0          0        0
