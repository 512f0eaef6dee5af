# Global options, help and usage errors (exit status 2).
$ cxotrack --version
cxotrack 0.1.0
$ cxotrack --help
usage: cxotrack [--db PATH] [--actor NAME] [--json] [--version] [--help] COMMAND [ARGS]

Track the topics, lifecycle statuses and conclusions of the ITU-T CTO/CxO meetings.

commands:
  init           create an empty database (with the built-in "cto" lifecycle)
  import         import datasets in the JSON interchange format
  export         export the database (or a part) as canonical JSON
  report         a report: tsag, followup, period, matrix, diff, agenda, participation, analysis, lint
  diff           what changed between meetings A and B (report diff)
  lint           findings about the records; exit status 1 if one is an error (report lint)
  backup         write a consistent copy of the database, even while it is in use
  meetings       list the meetings in time order
  meeting        one meeting: details, agenda, topics discussed, conclusions, attendance
  topics         list the topics with their current status
  topic          one topic's history: statuses, movements, gaps and sources
  conclusions    list a meeting's conclusions, or a topic's across meetings
  actions        list actions with their status, age and whether they are overdue
  registries     list the registries (external lists: Resolution 22 items, Focus Groups...)
  items          list registry items with their status and how many topics link to them
  links          list the links from topics to registry items: a topic's items, an item's topics
  organizations  list the organizations that take part in the meetings
  search         full-text search over titles, aliases, conclusions, notes and actions
  log            the audit log: who changed what, and when
  add            create one record (meeting, topic, organization, registry, item...) from its fields
  observe        record where a topic stood at a meeting or on a date
  conclude       record a conclusion of a meeting, as numbered in its communique
  act            record an action that a conclusion asks for
  follow         record where an action stood at a meeting or on a date
  link           link a topic to a registry item
  relate         record that a topic comes from an older one, or is related to it
  rename         rename a topic: a new topic, renamed from the old one, which keeps its history
  attend         record that an organization attended a meeting
  set            change fields of one record, addressed by its key
  delete         delete one record

The database is --db PATH, else $CXOTRACK_DB, else ./cxotrack.db.
`cxotrack COMMAND --help` describes one command.
Exit status: 0 done (warnings on stderr), 1 the operation failed, 2 the command line was wrong.
$ cxotrack
usage: cxotrack [--db PATH] [--actor NAME] [--json] [--version] [--help] COMMAND [ARGS]

Track the topics, lifecycle statuses and conclusions of the ITU-T CTO/CxO meetings.

commands:
  init           create an empty database (with the built-in "cto" lifecycle)
  import         import datasets in the JSON interchange format
  export         export the database (or a part) as canonical JSON
  report         a report: tsag, followup, period, matrix, diff, agenda, participation, analysis, lint
  diff           what changed between meetings A and B (report diff)
  lint           findings about the records; exit status 1 if one is an error (report lint)
  backup         write a consistent copy of the database, even while it is in use
  meetings       list the meetings in time order
  meeting        one meeting: details, agenda, topics discussed, conclusions, attendance
  topics         list the topics with their current status
  topic          one topic's history: statuses, movements, gaps and sources
  conclusions    list a meeting's conclusions, or a topic's across meetings
  actions        list actions with their status, age and whether they are overdue
  registries     list the registries (external lists: Resolution 22 items, Focus Groups...)
  items          list registry items with their status and how many topics link to them
  links          list the links from topics to registry items: a topic's items, an item's topics
  organizations  list the organizations that take part in the meetings
  search         full-text search over titles, aliases, conclusions, notes and actions
  log            the audit log: who changed what, and when
  add            create one record (meeting, topic, organization, registry, item...) from its fields
  observe        record where a topic stood at a meeting or on a date
  conclude       record a conclusion of a meeting, as numbered in its communique
  act            record an action that a conclusion asks for
  follow         record where an action stood at a meeting or on a date
  link           link a topic to a registry item
  relate         record that a topic comes from an older one, or is related to it
  rename         rename a topic: a new topic, renamed from the old one, which keeps its history
  attend         record that an organization attended a meeting
  set            change fields of one record, addressed by its key
  delete         delete one record

The database is --db PATH, else $CXOTRACK_DB, else ./cxotrack.db.
`cxotrack COMMAND --help` describes one command.
Exit status: 0 done (warnings on stderr), 1 the operation failed, 2 the command line was wrong.
[2]
$ cxotrack frobnicate
cxotrack: there is no command "frobnicate"
Try `cxotrack --help`.
[2]
$ cxotrack --frob topics
cxotrack: unknown option --frob
Try `cxotrack --help`.
[2]
$ cxotrack --db
cxotrack: --db needs a value
Try `cxotrack --help`.
[2]
$ cxotrack topic --help
usage: cxotrack topic ID [--lineage] [--as-of P] [--lifecycle L] [--kinds K,...]

one topic's history: statuses, movements, gaps and sources

  --lineage       stitch in the history of the topics it came from
                  (renamed, merged, split or superseded)
  --as-of P       ignore what is dated after P (a meeting id or a date)
  --lifecycle L   the lifecycle to follow (default cto)
  --kinds K,...   meeting kinds whose absence counts as a gap
                  (default cto,cxo,consultation,workshop)
Below the history: the topic's relations, its links to registry items and
the conclusions about it.
$ cxotrack help observe
usage: cxotrack observe TOPIC (MEETING | --date D) STATUS [--lifecycle L] [--qualifier Q] [--priority P] [--note T]

record where a topic stood at a meeting or on a date

  --source REF --url U   a source (repeatable, paired in order)
$ cxotrack help nothing
cxotrack: there is no command "nothing"
Try `cxotrack --help`.
[2]
$ cxotrack topic
cxotrack topic: needs one topic id
usage: cxotrack topic ID [--lineage] [--as-of P] [--lifecycle L] [--kinds K,...]
[2]
$ cxotrack topics --status
cxotrack topics: --status needs a value
usage: cxotrack topics [--status S] [--lifecycle L] [--as-of P]
[2]
$ cxotrack topics --nope
cxotrack topics: unknown option --nope
usage: cxotrack topics [--status S] [--lifecycle L] [--as-of P]
[2]
$ cxotrack topics --as-of 2015 --as-of 2016
cxotrack topics: --as-of is given twice
usage: cxotrack topics [--status S] [--lifecycle L] [--as-of P]
[2]