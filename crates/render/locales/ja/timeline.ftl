# warta タイムライン（日本語、見出し体）。変数は ../id/timeline.ftl を参照。

unknown-actor = 名前の明かされていない当事者

at-place = { $has_place ->
    [yes] { $place }で
   *[no] { "" }
}

visit-also = { $has_others ->
    [yes] （関係者：{ $others }）
   *[no] { "" }
}
event-visit = { $has_place ->
    [yes] { $first }が{ $place }を訪問{ visit-also }
   *[no] { $has_others ->
        [yes] { $first }が{ $others }を訪問
       *[no] { $first }が訪問
    }
}
event-meeting = { $has_others ->
    [yes] { $first }が{ at-place }{ $others }と会談
   *[no] { $first }が{ at-place }会合を開催
}
event-statement = { $has_others ->
    [yes] { $first }が{ at-place }{ $others }にメッセージを伝達
   *[no] { $first }が{ at-place }声明を発表
}
event-invitation = { $has_others ->
    [yes] { $first }が{ at-place }{ $others }を招待
   *[no] { $first }が{ at-place }招待を表明
}
event-announcement = { $all }が{ at-place }決定を発表
event-accusation = { $has_others ->
    [yes] { $first }が{ at-place }{ $others }を非難
   *[no] { $first }が{ at-place }非難を表明
}
event-denial = { $all }が{ at-place }疑惑を否定
event-sanction = { $has_others ->
    [yes] { $first }が{ at-place }{ $others }に制裁を科す
   *[no] { $first }が{ at-place }制裁を科す
}
event-veto = { $all }が{ at-place }拒否権を行使
event-arms_transfer = { $has_others ->
    [yes] { $first }が{ at-place }{ $others }に武器を送付
   *[no] { $first }が{ at-place }武器を送付
}
event-agreement = { $all }が{ at-place }合意
event-military_activity = { $all }が{ at-place }軍事活動を実施
event-other = { $all }：{ $type_label }{ $has_place ->
    [yes] （{ $place }）
   *[no] { "" }
}

date-week = { $year }第{ $week }週
line = { $precision ->
    [none] { $clause }
   *[dated] { $date }、{ $clause }
}
noted = { $line }（{ $note }）

note-planned = 予定
note-speculated = 見通し
note-unconfirmed = 未確認
note-denied = 否定された
note-conditional = 条件付き
note-background = 背景

status-confirmed = 確認済み
status-reported = 報道
status-planned = 予定
status-speculated = 見通し
status-unconfirmed = 未確認
status-denied = 否定された
status-conditional = 条件付き
status-background = 背景

type-visit = 訪問
type-meeting = 会談
type-statement = 声明
type-invitation = 招待
type-announcement = 発表
type-accusation = 非難
type-denial = 否定
type-sanction = 制裁
type-veto = 拒否権
type-arms_transfer = 武器移転
type-agreement = 合意
type-military_activity = 軍事活動
type-aid = 支援
type-appointment = 任命
type-arrest = 逮捕
type-attack = 攻撃
type-charge = 起訴
type-death = 死亡
type-demand = 要求
type-disaster = 災害
type-dismissal = 解任
type-economic = 経済
type-election = 選挙
type-investigation = 捜査
type-launch = 発足
type-policy = 政策
type-protest = 抗議
type-threat = 威嚇
type-trial = 裁判
type-other = その他

# 裏付け：$outlets、$articles、$copies（数）、$has_outlets / $has_copies（"yes" | "no"）。
support = { $has_outlets ->
    [yes] { $outlets } 媒体・{ $articles } 件の記事
   *[no] { $articles } 件の記事
}{ $has_copies ->
    [yes] （うち { $copies } 件は転載）
   *[no] { "" }
}
