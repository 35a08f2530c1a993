# warta 时间线条目（简体中文）。变量见 ../id/timeline.ftl。地点放在动词之前（在……）。

unknown-actor = 未具名的一方

at-place = { $has_place ->
    [yes] 在{ $place }
   *[no] { "" }
}

visit-also = { $has_others ->
    [yes] （涉及：{ $others }）
   *[no] { "" }
}
event-visit = { $has_place ->
    [yes] { $first }访问{ $place }{ visit-also }
   *[no] { $has_others ->
        [yes] { $first }访问{ $others }
       *[no] { $first }进行访问
    }
}
event-meeting = { $has_others ->
    [yes] { $first }{ at-place }会见{ $others }
   *[no] { $first }{ at-place }举行会议
}
event-statement = { $has_others ->
    [yes] { $first }{ at-place }向{ $others }传达信息
   *[no] { $first }{ at-place }发表声明
}
event-invitation = { $has_others ->
    [yes] { $first }{ at-place }邀请{ $others }
   *[no] { $first }{ at-place }发出邀请
}
event-announcement = { $all }{ at-place }宣布一项决定
event-accusation = { $has_others ->
    [yes] { $first }{ at-place }指责{ $others }
   *[no] { $first }{ at-place }提出指控
}
event-denial = { $all }{ at-place }否认指控
event-sanction = { $has_others ->
    [yes] { $first }{ at-place }对{ $others }实施制裁
   *[no] { $first }{ at-place }实施制裁
}
event-veto = { $all }{ at-place }行使否决权
event-arms_transfer = { $has_others ->
    [yes] { $first }{ at-place }向{ $others }运送武器
   *[no] { $first }{ at-place }运送武器
}
event-agreement = { $all }{ at-place }达成协议
event-military_activity = { $all }{ at-place }开展军事活动
event-other = { $all }：{ $type_label }{ $has_place ->
    [yes] （{ $place }）
   *[no] { "" }
}

date-week = { $year }第{ $week }周
line = { $precision ->
    [none] { $clause }
   *[dated] { $date }，{ $clause }
}
noted = { $line }（{ $note }）

note-planned = 计划中
note-speculated = 预计
note-unconfirmed = 未经证实
note-denied = 已被否认
note-conditional = 有条件
note-background = 背景

status-confirmed = 已确认
status-reported = 据报道
status-planned = 计划中
status-speculated = 预计
status-unconfirmed = 未经证实
status-denied = 已被否认
status-conditional = 有条件
status-background = 背景

type-visit = 访问
type-meeting = 会晤
type-statement = 声明
type-invitation = 邀请
type-announcement = 宣布
type-accusation = 指控
type-denial = 否认
type-sanction = 制裁
type-veto = 否决
type-arms_transfer = 武器转让
type-agreement = 协议
type-military_activity = 军事活动
type-aid = 援助
type-appointment = 任命
type-arrest = 逮捕
type-attack = 袭击
type-charge = 指控
type-death = 死亡
type-demand = 要求
type-disaster = 灾害
type-dismissal = 免职
type-economic = 经济
type-election = 选举
type-investigation = 调查
type-launch = 启动
type-policy = 政策
type-protest = 抗议
type-threat = 威胁
type-trial = 审判
type-other = 其他

# 佐证：$outlets、$articles、$copies（数字），$has_outlets / $has_copies（"yes" | "no"）。
support = { $has_outlets ->
    [yes] { $outlets } 家媒体，{ $articles } 篇报道
   *[no] { $articles } 篇报道
}{ $has_copies ->
    [yes] （其中 { $copies } 篇为转载）
   *[no] { "" }
}
