# Deleting: refused while others refer to a record, unless --cascade.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --date 2013-11-18
added meeting cto-2013-bangkok
$ cxotrack add topic qos-qoe --title 'QoS/QoE fixed-mobile'
added topic qos-qoe
$ cxotrack observe qos-qoe cto-2013-bangkok prioritized
qos-qoe at cto-2013-bangkok: prioritized
$ cxotrack delete meeting cto-2013-bangkok
cxotrack: meeting "cto-2013-bangkok" is referred to by 1 observation; delete them first, or cascade
[1]
$ cxotrack delete topic qos-qoe
cxotrack: topic "qos-qoe" is referred to by 1 observation; delete them first, or cascade
[1]
$ cxotrack delete lifecycle cto
cxotrack: lifecycle "cto" is built in and cannot be deleted
[1]
$ cxotrack delete observation qos-qoe cto-2013-bangkok
cxotrack delete: the key of an observation has 3 parts
usage: cxotrack delete KIND KEY... [--cascade]
[2]
$ cxotrack delete observation qos-qoe cto cto-2014-doha
cxotrack: observation "qos-qoe" "cto" "cto-2014-doha" does not exist
[1]
$ cxotrack delete meeting cto-2013-bangkok --cascade
deleted meeting cto-2013-bangkok
$ cxotrack topic qos-qoe
qos-qoe: QoS/QoE fixed-mobile

no observations
$ cxotrack delete topic qos-qoe
deleted topic qos-qoe
$ cxotrack delete topic qos-qoe
cxotrack: topic "qos-qoe" does not exist
[1]
$ cxotrack delete widget x
cxotrack delete: "widget" is not a kind of record (meeting, topic, lifecycle, observation, conclusion, action, followup, registry, item, link, relation, organization, attendance)
usage: cxotrack delete KIND KEY... [--cascade]
[2]
