# Lignes de chronologie warta, en français. French needs articles before country and
# organisation names (la Russie, l'ONU) that no data source gives reliably, so full sentences are
# used only when every name is a person's ($bare = yes); otherwise the headline form
# « Nom : action — Nom » avoids them. Cities take « à ». Variables as in ../id/timeline.ftl.

unknown-actor = Une partie non nommée

place-suffix = { $has_place ->
    [yes] { $place_kind ->
        [city] { " " }à { $place }
       *[other] { " " }({ $place })
    }
   *[no] { "" }
}

visit-also = { $has_others ->
    [yes] { " " }(autres parties : { $others })
   *[no] { "" }
}
event-visit = { $has_place ->
    [yes] { $place_kind ->
        [city] { $first } se rend à { $place }{ visit-also }
       *[other] { $first } : visite — { $place }{ visit-also }
    }
   *[no] { $has_others ->
        [yes] { $bare ->
            [yes] { $first } rend visite à { $others }
           *[no] { $first } : visite — { $others }
        }
       *[no] { $first } : visite
    }
}
event-meeting = { $has_others ->
    [yes] { $bare ->
        [yes] { $first } rencontre { $others }
       *[no] { $first } : rencontre — { $others }
    }
   *[no] { $first } : réunion
}{ place-suffix }
event-statement = { $has_others ->
    [yes] { $bare ->
        [yes] { $first } adresse un message à { $others }
       *[no] { $first } : message — { $others }
    }
   *[no] { $first } : déclaration
}{ place-suffix }
event-invitation = { $has_others ->
    [yes] { $bare ->
        [yes] { $first } invite { $others }
       *[no] { $first } : invitation — { $others }
    }
   *[no] { $first } : invitation
}{ place-suffix }
event-announcement = { $all } : annonce d’une décision{ place-suffix }
event-accusation = { $has_others ->
    [yes] { $bare ->
        [yes] { $first } accuse { $others }
       *[no] { $first } : accusations — { $others }
    }
   *[no] { $first } : accusations
}{ place-suffix }
event-denial = { $all } : démenti des accusations{ place-suffix }
event-sanction = { $has_others ->
    [yes] { $first } : sanctions — { $others }
   *[no] { $first } : sanctions
}{ place-suffix }
event-veto = { $all } : veto{ place-suffix }
event-arms_transfer = { $has_others ->
    [yes] { $first } : livraison d’armes — { $others }
   *[no] { $first } : livraison d’armes
}{ place-suffix }
event-agreement = { $all } : accord conclu{ place-suffix }
event-military_activity = { $all } : activité militaire{ place-suffix }
event-other = { $all } : { $type_label }{ place-suffix }

date-week = semaine { $week } de { $year }
when = { $precision ->
    [day] le { $date }
    [month] en { $date }
    [year] en { $date }
    [other] ({ $date })
   *[dated] { $date }
}
line = { $precision ->
    [none] { $clause }
    [other] { $clause } ({ $date })
   *[dated] { $clause }, { when }
}
noted = { $line } ({ $note })

note-planned = prévu
note-speculated = attendu
note-unconfirmed = non confirmé
note-denied = démenti
note-conditional = sous condition
note-background = contexte

status-confirmed = confirmé
status-reported = rapporté
status-planned = prévu
status-speculated = attendu
status-unconfirmed = non confirmé
status-denied = démenti
status-conditional = sous condition
status-background = contexte

type-visit = visite
type-meeting = rencontre
type-statement = déclaration
type-invitation = invitation
type-announcement = annonce
type-accusation = accusation
type-denial = démenti
type-sanction = sanctions
type-veto = veto
type-arms_transfer = livraison d’armes
type-agreement = accord
type-military_activity = activité militaire
type-aid = aide
type-appointment = nomination
type-arrest = arrestation
type-attack = attaque
type-charge = inculpation
type-death = décès
type-demand = revendication
type-disaster = catastrophe
type-dismissal = révocation
type-economic = économie
type-election = élection
type-investigation = enquête
type-launch = lancement
type-policy = politique
type-protest = manifestation
type-threat = menace
type-trial = procès
type-other = autre

# Corroboration : $outlets, $articles, $copies (nombres), $has_outlets / $has_copies (« yes » | « no »).
support-outlets = { $outlets ->
    [one] { $outlets } média
   *[other] { $outlets } médias
}
support-articles = { $articles ->
    [one] { $articles } article
   *[other] { $articles } articles
}
support-copies = { $copies ->
    [one] { $copies } copie
   *[other] { $copies } copies
}
support = { $has_outlets ->
    [yes] { support-outlets }, { support-articles }
   *[no] { support-articles }
}{ $has_copies ->
    [yes] { " " }(dont { support-copies })
   *[no] { "" }
}
