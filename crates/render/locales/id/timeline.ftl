# warta timeline lines, Indonesian. Variables: $first (first participant), $others (the rest,
# list-formatted), $all (everyone), $has_others / $has_place / $bare ("yes" | "no"),
# $place, $place_kind ("city" | "country" | "other" | "none"), $kind (raw event type).
# Mirrors the engine's own summaries (warta_engine::timeline::summary).

unknown-actor = Pihak yang tidak disebutkan

place-suffix = { $has_place ->
    [yes] { " " }di { $place }
   *[no] { "" }
}

visit-also = { $has_others ->
    [yes] { " " }(turut disebut: { $others })
   *[no] { "" }
}
event-visit = { $has_place ->
    [yes] { $first } berkunjung ke { $place }{ visit-also }
   *[no] { $has_others ->
        [yes] { $first } mengunjungi { $others }
       *[no] { $first } melakukan kunjungan
    }
}
event-meeting = { $has_others ->
    [yes] { $first } bertemu { $others }
   *[no] { $first } menggelar pertemuan
}{ place-suffix }
event-statement = { $has_others ->
    [yes] { $first } menyampaikan pesan kepada { $others }
   *[no] { $first } menyampaikan pernyataan
}{ place-suffix }
event-invitation = { $has_others ->
    [yes] { $first } mengundang { $others }
   *[no] { $first } mengundang pihak lain
}{ place-suffix }
event-announcement = { $all } mengumumkan sebuah keputusan{ place-suffix }
event-accusation = { $has_others ->
    [yes] { $first } menuduh { $others }
   *[no] { $first } melontarkan tuduhan
}{ place-suffix }
event-denial = { $all } membantah tuduhan{ place-suffix }
event-sanction = { $has_others ->
    [yes] { $first } menjatuhkan sanksi terhadap { $others }
   *[no] { $first } menjatuhkan sanksi
}{ place-suffix }
event-veto = { $all } menggunakan hak veto{ place-suffix }
event-arms_transfer = { $has_others ->
    [yes] { $first } mengirim senjata ke { $others }
   *[no] { $first } mengirim senjata
}{ place-suffix }
event-agreement = { $all } mencapai kesepakatan{ place-suffix }
event-military_activity = { $all } menggelar kegiatan militer{ place-suffix }
event-other = { $all }: { $type_label }{ place-suffix }

# Dates: $date is the ICU4X rendering; $precision is day | month | year | week | other.
date-week = pekan ke-{ $week } { $year }
when = { $precision ->
    [other] ({ $date })
   *[dated] pada { $date }
}
line = { $precision ->
    [none] { $clause }
   *[dated] { $clause } { when }
}
noted = { $line } ({ $note })

note-planned = direncanakan
note-speculated = diperkirakan
note-unconfirmed = belum dikonfirmasi
note-denied = dibantah
note-conditional = bersyarat
note-background = latar belakang

status-confirmed = terkonfirmasi
status-reported = dilaporkan
status-planned = direncanakan
status-speculated = diperkirakan
status-unconfirmed = belum dikonfirmasi
status-denied = dibantah
status-conditional = bersyarat
status-background = latar belakang

type-visit = kunjungan
type-meeting = pertemuan
type-statement = pernyataan
type-invitation = undangan
type-announcement = pengumuman
type-accusation = tuduhan
type-denial = bantahan
type-sanction = sanksi
type-veto = veto
type-arms_transfer = pengiriman senjata
type-agreement = kesepakatan
type-military_activity = kegiatan militer
type-aid = bantuan
type-appointment = pengangkatan
type-arrest = penangkapan
type-attack = serangan
type-charge = dakwaan
type-death = kematian
type-demand = tuntutan
type-disaster = bencana
type-dismissal = pemberhentian
type-economic = ekonomi
type-election = pemilihan
type-investigation = penyelidikan
type-launch = peluncuran
type-policy = kebijakan
type-protest = unjuk rasa
type-threat = ancaman
type-trial = persidangan
type-other = lainnya

# Corroboration: $outlets, $articles, $copies (numbers), $has_outlets / $has_copies ("yes" | "no").
support = { $has_outlets ->
    [yes] { $outlets } media, { $articles } artikel
   *[no] { $articles } artikel
}{ $has_copies ->
    [yes] { " " }({ $copies } salinan)
   *[no] { "" }
}
