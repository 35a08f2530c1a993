# سطور الخط الزمني في warta بالعربية. Nominal headline style (verbal nouns) so that no verb has
# to agree in gender with a country or a person. Variables as in ../id/timeline.ftl.

unknown-actor = طرف لم يُذكر اسمه

place-suffix = { $has_place ->
    [yes] { " " }في { $place }
   *[no] { "" }
}

visit-also = { $has_others ->
    [yes] { " " }(بمشاركة { $others })
   *[no] { "" }
}
event-visit = { $has_place ->
    [yes] زيارة { $first } إلى { $place }{ visit-also }
   *[no] { $has_others ->
        [yes] زيارة { $first } إلى { $others }
       *[no] زيارة من جانب { $first }
    }
}
event-meeting = { $has_others ->
    [yes] لقاء بين { $first } و{ $others }
   *[no] اجتماع من جانب { $first }
}{ place-suffix }
event-statement = { $has_others ->
    [yes] رسالة من { $first } إلى { $others }
   *[no] بيان صادر عن { $first }
}{ place-suffix }
event-invitation = { $has_others ->
    [yes] دعوة من { $first } إلى { $others }
   *[no] دعوة من { $first }
}{ place-suffix }
event-announcement = إعلان { $all } عن قرار{ place-suffix }
event-accusation = { $has_others ->
    [yes] اتهامات من { $first } إلى { $others }
   *[no] اتهامات من { $first }
}{ place-suffix }
event-denial = نفي { $all } للاتهامات{ place-suffix }
event-sanction = { $has_others ->
    [yes] فرض { $first } عقوبات على { $others }
   *[no] فرض { $first } عقوبات
}{ place-suffix }
event-veto = استخدام { $all } حق النقض{ place-suffix }
event-arms_transfer = { $has_others ->
    [yes] إرسال { $first } أسلحة إلى { $others }
   *[no] إرسال { $first } أسلحة
}{ place-suffix }
event-agreement = { $has_others ->
    [yes] اتفاق بين { $all }
   *[no] اتفاق يشمل { $all }
}{ place-suffix }
event-military_activity = نشاط عسكري من جانب { $all }{ place-suffix }
event-other = { $all }: { $type_label }{ place-suffix }

date-week = الأسبوع { $week } من عام { $year }
when = { $precision ->
    [year] في عام { $date }
    [other] ({ $date })
   *[dated] في { $date }
}
line = { $precision ->
    [none] { $clause }
   *[dated] { $clause } { when }
}
noted = { $line } ({ $note })

note-planned = مخطط له
note-speculated = متوقع
note-unconfirmed = غير مؤكد
note-denied = تم نفيه
note-conditional = مشروط
note-background = خلفية

status-confirmed = مؤكد
status-reported = وفق التقارير
status-planned = مخطط له
status-speculated = متوقع
status-unconfirmed = غير مؤكد
status-denied = تم نفيه
status-conditional = مشروط
status-background = خلفية

type-visit = زيارة
type-meeting = لقاء
type-statement = بيان
type-invitation = دعوة
type-announcement = إعلان
type-accusation = اتهام
type-denial = نفي
type-sanction = عقوبات
type-veto = حق النقض
type-arms_transfer = نقل أسلحة
type-agreement = اتفاق
type-military_activity = نشاط عسكري
type-aid = مساعدات
type-appointment = تعيين
type-arrest = اعتقال
type-attack = هجوم
type-charge = توجيه اتهام
type-death = وفاة
type-demand = مطالبة
type-disaster = كارثة
type-dismissal = إقالة
type-economic = اقتصاد
type-election = انتخابات
type-investigation = تحقيق
type-launch = إطلاق
type-policy = سياسة
type-protest = احتجاج
type-threat = تهديد
type-trial = محاكمة
type-other = أخرى

# التأكيد: $outlets و$articles و$copies (أعداد)، $has_outlets / $has_copies ("yes" | "no").
support-outlets = { $outlets ->
    [one] وسيلة إعلام واحدة
    [two] وسيلتا إعلام
    [few] { $outlets } وسائل إعلام
   *[other] { $outlets } وسيلة إعلام
}
support-articles = { $articles ->
    [one] مقال واحد
    [two] مقالان
    [few] { $articles } مقالات
    [many] { $articles } مقالًا
   *[other] { $articles } مقال
}
support-copies = { $copies ->
    [one] نسخة واحدة
    [two] نسختان
    [few] { $copies } نسخ
   *[other] { $copies } نسخة
}
support = { $has_outlets ->
    [yes] { support-outlets }، { support-articles }
   *[no] { support-articles }
}{ $has_copies ->
    [yes] { " " }(منها { support-copies })
   *[no] { "" }
}
