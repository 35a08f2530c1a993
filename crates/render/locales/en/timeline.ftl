# warta timeline lines, English (headline style, present tense, so plans and reports read
# alike). Variables as in ../id/timeline.ftl.

unknown-actor = An unnamed party

place-suffix = { $has_place ->
    [yes] { " " }in { $place }
   *[no] { "" }
}

visit-also = { $has_others ->
    [yes] { " " }(also named: { $others })
   *[no] { "" }
}
event-visit = { $has_place ->
    [yes] { $first } visits { $place }{ visit-also }
   *[no] { $has_others ->
        [yes] { $first } visits { $others }
       *[no] { $first } makes a visit
    }
}
event-meeting = { $has_others ->
    [yes] { $first } meets { $others }
   *[no] { $first } holds a meeting
}{ place-suffix }
event-statement = { $has_others ->
    [yes] { $first } sends a message to { $others }
   *[no] { $first } makes a statement
}{ place-suffix }
event-invitation = { $has_others ->
    [yes] { $first } invites { $others }
   *[no] { $first } extends an invitation
}{ place-suffix }
event-announcement = { $has_others ->
    [yes] { $all } announce a decision
   *[no] { $all } announces a decision
}{ place-suffix }
event-accusation = { $has_others ->
    [yes] { $first } accuses { $others }
   *[no] { $first } makes accusations
}{ place-suffix }
event-denial = { $has_others ->
    [yes] { $all } deny the accusations
   *[no] { $all } denies the accusations
}{ place-suffix }
event-sanction = { $has_others ->
    [yes] { $first } imposes sanctions on { $others }
   *[no] { $first } imposes sanctions
}{ place-suffix }
event-veto = { $has_others ->
    [yes] { $all } cast vetoes
   *[no] { $all } casts a veto
}{ place-suffix }
event-arms_transfer = { $has_others ->
    [yes] { $first } sends weapons to { $others }
   *[no] { $first } sends weapons
}{ place-suffix }
event-agreement = { $has_others ->
    [yes] { $all } reach an agreement
   *[no] { $all } reaches an agreement
}{ place-suffix }
event-military_activity = { $has_others ->
    [yes] { $all } conduct military activity
   *[no] { $all } conducts military activity
}{ place-suffix }
event-other = { $all }: { $type_label }{ place-suffix }

date-week = week { $week } of { $year }
when = { $precision ->
    [day] on { $date }
    [other] ({ $date })
   *[dated] in { $date }
}
line = { $precision ->
    [none] { $clause }
   *[dated] { $clause } { when }
}
noted = { $line } ({ $note })

note-planned = planned
note-speculated = expected
note-unconfirmed = unconfirmed
note-denied = denied
note-conditional = conditional
note-background = background

status-confirmed = confirmed
status-reported = reported
status-planned = planned
status-speculated = expected
status-unconfirmed = unconfirmed
status-denied = denied
status-conditional = conditional
status-background = background

type-visit = visit
type-meeting = meeting
type-statement = statement
type-invitation = invitation
type-announcement = announcement
type-accusation = accusation
type-denial = denial
type-sanction = sanctions
type-veto = veto
type-arms_transfer = arms transfer
type-agreement = agreement
type-military_activity = military activity
type-aid = aid
type-appointment = appointment
type-arrest = arrest
type-attack = attack
type-charge = charges
type-death = death
type-demand = demand
type-disaster = disaster
type-dismissal = dismissal
type-economic = economy
type-election = election
type-investigation = investigation
type-launch = launch
type-policy = policy
type-protest = protest
type-threat = threat
type-trial = trial
type-other = other

# Corroboration: $outlets, $articles, $copies (numbers), $has_outlets / $has_copies ("yes" | "no").
support-outlets = { $outlets ->
    [one] { $outlets } outlet
   *[other] { $outlets } outlets
}
support-articles = { $articles ->
    [one] { $articles } article
   *[other] { $articles } articles
}
support-copies = { $copies ->
    [one] { $copies } copy
   *[other] { $copies } copies
}
support = { $has_outlets ->
    [yes] { support-outlets }, { support-articles }
   *[no] { support-articles }
}{ $has_copies ->
    [yes] { " " }({ support-copies })
   *[no] { "" }
}
