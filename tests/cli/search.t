# Full-text search over topic titles, aliases and descriptions, conclusion
# texts, observation notes and action descriptions: every word must match, in
# any order, ignoring case and accents; best match first.
$ cxotrack init
created test.db
$ cxotrack add meeting cto-2013-bangkok --kind cto --date 2013-11-18 --city Bangkok --country TH
added meeting cto-2013-bangkok
$ cxotrack add meeting cxo-2016-hammamet --kind cxo --date 2016-10-23 --city Hammamet --country TN --host 'Tunisie Télécom'
added meeting cxo-2016-hammamet
$ cxotrack add topic qos-qoe --title 'QoS/QoE fixed-mobile' --aliases 'quality of experience'
added topic qos-qoe
$ cxotrack add topic fmsi --title 'Fixed-mobile service interoperability'
added topic fmsi
$ cxotrack add topic ott --title 'OTT level playing field' --description 'regulatory parity between over-the-top services and operators'
added topic ott
$ cxotrack add topic volte --title 'VoLTE' --aliases 'voice over LTE'
added topic volte
$ cxotrack observe qos-qoe cto-2013-bangkok prioritized --note 'QoE of video services across fixed and mobile networks'
qos-qoe at cto-2013-bangkok: prioritized
$ cxotrack observe ott cxo-2016-hammamet raised --note 'raised by Tunisie Télécom, the host'
ott at cxo-2016-hammamet: raised
$ cxotrack observe volte cxo-2016-hammamet raised
volte at cxo-2016-hammamet: raised
$ cxotrack conclude cto-2013-bangkok 3 --kind request --text 'Study QoS and QoE across fixed and mobile networks.' --topic qos-qoe
added conclusion cto-2013-bangkok/3
$ cxotrack act cto-2013-bangkok/3 sg12-qoe --owner SG12 --description 'Define QoE assessment methods for mobile video'
added action sg12-qoe
$ cxotrack search qoe
KIND         KEY                           SNIPPET
topic        qos-qoe                       QoS/[QoE] fixed-mobile
action       sg12-qoe                      Define [QoE] assessment methods for mobile video
conclusion   cto-2013-bangkok/3            Study QoS and [QoE] across fixed and mobile networks.
observation  qos-qoe cto cto-2013-bangkok  [QoE] of video services across fixed and mobile networks
# several words: all must match, in any order; one argument or several
$ cxotrack search fixed mobile
KIND         KEY                           SNIPPET
topic        fmsi                          [Fixed]-[mobile] service interoperability
topic        qos-qoe                       QoS/QoE [fixed]-[mobile]
conclusion   cto-2013-bangkok/3            Study QoS and QoE across [fixed] and [mobile] networks.
observation  qos-qoe cto cto-2013-bangkok  QoE of video services across [fixed] and [mobile] networ…
$ cxotrack search 'mobile fixed'
KIND         KEY                           SNIPPET
topic        fmsi                          [Fixed]-[mobile] service interoperability
topic        qos-qoe                       QoS/QoE [fixed]-[mobile]
conclusion   cto-2013-bangkok/3            Study QoS and QoE across [fixed] and [mobile] networks.
observation  qos-qoe cto cto-2013-bangkok  QoE of video services across [fixed] and [mobile] networ…
$ cxotrack search QoE video
KIND         KEY                           SNIPPET
action       sg12-qoe                      Define [QoE] assessment methods for mobile [video]
observation  qos-qoe cto cto-2013-bangkok  [QoE] of [video] services across fixed and mobile networ…
# case and accents are ignored
$ cxotrack search TELECOM
KIND         KEY                        SNIPPET
observation  ott cto cxo-2016-hammamet  raised by Tunisie [Télécom], the host
$ cxotrack search télécom
KIND         KEY                        SNIPPET
observation  ott cto cxo-2016-hammamet  raised by Tunisie [Télécom], the host
# aliases and descriptions are searched
$ cxotrack search voice
KIND   KEY    SNIPPET
topic  volte  [voice] over LTE
$ cxotrack search over-the-top
KIND   KEY  SNIPPET
topic  ott  regulatory parity between [over-the-top] services and operators
$ cxotrack search nothing-like-this
KIND  KEY  SNIPPET
$ cxotrack --json search experience
[{"kind":"topic","key":"qos-qoe","title":"QoS/QoE fixed-mobile","snippet":"quality of [experience]","rank":-1654562}]
$ cxotrack --json search mobile video
[{"kind":"action","key":"sg12-qoe","title":"SG12","snippet":"Define QoE assessment methods for [mobile] [video]","rank":-930144},{"kind":"observation","key":"qos-qoe cto cto-2013-bangkok","title":null,"snippet":"QoE of [video] services across fixed and [mobile] networks","rank":-883246}]
# the index follows changes
$ cxotrack set topic volte --aliases 'voice over LTE' --aliases 'IMS voice'
updated topic volte
$ cxotrack search ims
KIND   KEY    SNIPPET
topic  volte  [IMS] voice voice over LTE
$ cxotrack delete action sg12-qoe
deleted action sg12-qoe
$ cxotrack search assessment
KIND  KEY  SNIPPET
# command-line errors
$ cxotrack search
cxotrack search: needs the TEXT to search for
usage: cxotrack search TEXT...
[2]
$ cxotrack search --kind topic qoe
cxotrack search: unknown option --kind
usage: cxotrack search TEXT...
[2]
$ cxotrack search --help
usage: cxotrack search TEXT...

full-text search over titles, aliases, conclusions, notes and actions

  Every word must match, in any order; case and accents are ignored.
  The best matches come first.
# refused by the library
$ cxotrack search ' '
cxotrack: search: the text has no word
[1]
$ cxotrack search ''
cxotrack: search: the text has no word
[1]
$ cxotrack --db missing.db search qoe
cxotrack: no database at missing.db (create one with `cxotrack init`)
[1]