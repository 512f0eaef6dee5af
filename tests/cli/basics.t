# Global options, help and usage errors (exit status 2).
$ cxotrack --version
cxotrack 0.1.0
$ cxotrack --help
usage: cxotrack [--db PATH] [--actor NAME] [--json] [--version] [--help] COMMAND [ARGS]

Track the topics, lifecycle statuses and conclusions of the ITU-T CTO/CxO meetings.

commands:
  init       create an empty database (with the built-in "cto" lifecycle)
  meetings   list the meetings in time order
  meeting    one meeting: its details, agenda and the topics it discussed
  topics     list the topics with their current status
  topic      one topic's history: statuses, movements, gaps and sources
  observe    record where a topic stood at a meeting or on a date
  add        create one record (meeting, topic) from its fields
  set        change fields of one record, addressed by its key
  delete     delete one record

The database is --db PATH, else $CXOTRACK_DB, else ./cxotrack.db.
`cxotrack COMMAND --help` describes one command.
Exit status: 0 done (warnings on stderr), 1 the operation failed, 2 the command line was wrong.
$ cxotrack
usage: cxotrack [--db PATH] [--actor NAME] [--json] [--version] [--help] COMMAND [ARGS]

Track the topics, lifecycle statuses and conclusions of the ITU-T CTO/CxO meetings.

commands:
  init       create an empty database (with the built-in "cto" lifecycle)
  meetings   list the meetings in time order
  meeting    one meeting: its details, agenda and the topics it discussed
  topics     list the topics with their current status
  topic      one topic's history: statuses, movements, gaps and sources
  observe    record where a topic stood at a meeting or on a date
  add        create one record (meeting, topic) from its fields
  set        change fields of one record, addressed by its key
  delete     delete one record

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
usage: cxotrack topic ID [--as-of P] [--lifecycle L] [--kinds K,...]

one topic's history: statuses, movements, gaps and sources

  --as-of P       ignore what is dated after P (a meeting id or a date)
  --lifecycle L   the lifecycle to follow (default cto)
  --kinds K,...   meeting kinds whose absence counts as a gap
                  (default cto,cxo,consultation,workshop)
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
usage: cxotrack topic ID [--as-of P] [--lifecycle L] [--kinds K,...]
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
