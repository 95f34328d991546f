/* The yearly self-evaluation tables (SPEC §3.6): one row per IKVD
 * indicator and year, and the year's priorities. */
#include "forms/forms.h"

#define CHOICES(a) .choices = (a), .n_choices = SK_ARRAY_LEN(a)

/* data/ikvd-indicators.csv: labels are "code name" (2.5.2 and 2.5.5 share a
 * name in the source; the indicator names have no English version). */
const struct forms_choice forms_ikvd_indicators[] = {
    {"2.5.1",
     "2.5.1 Izglītības iestādes izveidotā sistēma datu ieguvei par mācīšanas un mācīšanās "
     "kvalitāti un tās pilnveidei",
     "2.5.1 Izglītības iestādes izveidotā sistēma datu ieguvei par mācīšanas un mācīšanās "
     "kvalitāti un tās pilnveidei"},
    {"2.5.2", "2.5.2 Izglītības procesa plānošanas un īstenošanas efektivitāte un kvalitāte",
     "2.5.2 Izglītības procesa plānošanas un īstenošanas efektivitāte un kvalitāte"},
    {"2.5.3", "2.5.3 Izglītības procesa diferenciācija, individualizācija un personalizācija",
     "2.5.3 Izglītības procesa diferenciācija, individualizācija un personalizācija"},
    {"2.5.5", "2.5.5 Izglītības procesa plānošanas un īstenošanas efektivitāte un kvalitāte",
     "2.5.5 Izglītības procesa plānošanas un īstenošanas efektivitāte un kvalitāte"},
    {"2.5.6", "2.5.6 Mācību sasniegumu vērtēšanas kārtība",
     "2.5.6 Mācību sasniegumu vērtēšanas kārtība"},
    {"2.5.7",
     "2.5.7 Izglītības iestādes individualizēta un/vai personalizēta atbalsta sniegšana "
     "izglītojamiem",
     "2.5.7 Izglītības iestādes individualizēta un/vai personalizēta atbalsta sniegšana "
     "izglītojamiem"},
    {"4.1.1",
     "4.1.1 Izglītības iestādes stratēģiskās, ikgadējās un ikdienas darba plānošanas efektivitāte",
     "4.1.1 Izglītības iestādes stratēģiskās, ikgadējās un ikdienas darba plānošanas efektivitāte"},
    {"4.1.2",
     "4.1.2 Izglītības iestādes vadītāja, izglītības iestādes darba, izglītības programmas "
     "īstenošanas pašvērtēšanas kvalitāte un efektivitāte",
     "4.1.2 Izglītības iestādes vadītāja, izglītības iestādes darba, izglītības programmas "
     "īstenošanas pašvērtēšanas kvalitāte un efektivitāte"},
    {"4.1.3", "4.1.3 Personāla pārvaldības efektivitāte",
     "4.1.3 Personāla pārvaldības efektivitāte"},
    {"4.1.4",
     "4.1.4 Izglītības iestādes vadības komandas darba efektivitāte un sasaiste ar izglītības "
     "attīstības un/vai nozares politikas mērķiem",
     "4.1.4 Izglītības iestādes vadības komandas darba efektivitāte un sasaiste ar izglītības "
     "attīstības un/vai nozares politikas mērķiem"},
    {"4.1.5",
     "4.1.5 Izglītības iestādes vadītāja zināšanas un izpratne par finanšu un resursu efektīvu "
     "pārvaldību",
     "4.1.5 Izglītības iestādes vadītāja zināšanas un izpratne par finanšu un resursu efektīvu "
     "pārvaldību"},
    {"4.2.1",
     "4.2.1 Izglītības iestādes vadītāja zināšanas, izpratne par izglītības iestādes darbības "
     "tiesiskumu, prasme izstrādāt un atjaunot tiesību aktus",
     "4.2.1 Izglītības iestādes vadītāja zināšanas, izpratne par izglītības iestādes darbības "
     "tiesiskumu, prasme izstrādāt un atjaunot tiesību aktus"},
    {"4.2.2",
     "4.2.2 Izglītības iestādes vadītāja zināšanas par līderības stratēģijām un taktikām, prasme "
     "pieņemt lēmumus un uzņemties atbildību",
     "4.2.2 Izglītības iestādes vadītāja zināšanas par līderības stratēģijām un taktikām, prasme "
     "pieņemt lēmumus un uzņemties atbildību"},
    {"4.2.3", "4.2.3 Izglītības iestādes vadītāja komunikācija",
     "4.2.3 Izglītības iestādes vadītāja komunikācija"},
    {"4.2.4",
     "4.2.4 Izglītības iestādes vadītāja kompetence sniegt un saņemt atgriezenisko saiti, veidojot "
     "mācīšanās organizācijā kultūru izglītības iestādē",
     "4.2.4 Izglītības iestādes vadītāja kompetence sniegt un saņemt atgriezenisko saiti, veidojot "
     "mācīšanās organizācijā kultūru izglītības iestādē"},
    {"4.2.5", "4.2.5 Izglītības iestādes vadītāja ētiskums",
     "4.2.5 Izglītības iestādes vadītāja ētiskums"},
    {"4.2.6",
     "4.2.6 Izglītības iestādes vadītāja izpratne par izglītības attīstības, tostarp izglītības "
     "kvalitātes, un/vai nozares politikas mērķiem un sasniedzamajiem rezultātiem",
     "4.2.6 Izglītības iestādes vadītāja izpratne par izglītības attīstības, tostarp izglītības "
     "kvalitātes, un/vai nozares politikas mērķiem un sasniedzamajiem rezultātiem"},
    {"4.2.7",
     "4.2.7 Izglītības iestādes vadītāja profesionālā kompetence audzināšanas, mācīšanas un "
     "mācīšanās jautājumos",
     "4.2.7 Izglītības iestādes vadītāja profesionālā kompetence audzināšanas, mācīšanas un "
     "mācīšanās jautājumos"},
    {"4.3.1",
     "4.3.1 Izglītības iestādes vadītāja sadarbības kvalitāte ar izglītības iestādes dibinātāju",
     "4.3.1 Izglītības iestādes vadītāja sadarbības kvalitāte ar izglītības iestādes dibinātāju"},
    {"4.3.2",
     "4.3.2 Izglītības iestādes vadītāja sadarbības kvalitāte ar vietējo kopienu un/vai nozares "
     "organizācijām",
     "4.3.2 Izglītības iestādes vadītāja sadarbības kvalitāte ar vietējo kopienu un/vai nozares "
     "organizācijām"},
    {"4.3.3",
     "4.3.3 Izglītības iestādes vadītāja rīcība, veidojot izziņas un inovāciju organizācijas "
     "kultūru izglītības iestādē",
     "4.3.3 Izglītības iestādes vadītāja rīcība, veidojot izziņas un inovāciju organizācijas "
     "kultūru izglītības iestādē"},
    {"4.3.4",
     "4.3.4 Izglītības iestādes vadītāja rīcība savstarpējās pieredzes apmaiņai un komandas darba "
     "organizācijai izglītības iestādē",
     "4.3.4 Izglītības iestādes vadītāja rīcība savstarpējās pieredzes apmaiņai un komandas darba "
     "organizācijai izglītības iestādē"},
    {"4.3.5", "4.3.5 Izglītības iestādes vadītāja sadarbības kvalitāte ar izglītojamo vecākiem",
     "4.3.5 Izglītības iestādes vadītāja sadarbības kvalitāte ar izglītojamo vecākiem"},
    {"4.3.6",
     "4.3.6 Izglītības iestādes vadītāja rīcība, nodrošinot izglītības iestādes padomes/konventa "
     "un izglītojamo pārstāvības institūcijas darbību",
     "4.3.6 Izglītības iestādes vadītāja rīcība, nodrošinot izglītības iestādes padomes/konventa "
     "un izglītojamo pārstāvības institūcijas darbību"},
    {"2.2.1",
     "2.2.1 Pedagogiem nepieciešamās izglītības un profesionālās kvalifikācijas atbilstība "
     "normatīvajos aktos noteiktajām prasībām",
     "2.2.1 Pedagogiem nepieciešamās izglītības un profesionālās kvalifikācijas atbilstība "
     "normatīvajos aktos noteiktajām prasībām"},
    {"2.2.2",
     "2.2.2 Pedagogiem nepieciešamās profesionālās kompetences pilnveide pilnveides atbilstība "
     "normatīvajos aktos noteiktajām prasībām",
     "2.2.2 Pedagogiem nepieciešamās profesionālās kompetences pilnveide pilnveides atbilstība "
     "normatīvajos aktos noteiktajām prasībām"},
    {"2.2.3",
     "2.2.3 Izglītības iestādes īstenotās pedagogu profesionālās kompetences pilnveides "
     "efektivitāte",
     "2.2.3 Izglītības iestādes īstenotās pedagogu profesionālās kompetences pilnveides "
     "efektivitāte"},
    {"2.2.4",
     "2.2.4 Pedagogu noslodze un profesionālās kvalitātes novērtēšanas kārtība izglītības iestādē",
     "2.2.4 Pedagogu noslodze un profesionālās kvalitātes novērtēšanas kārtība izglītības iestādē"},
    {"2.2.5", "2.2.5 Pedagogu profesionālās darbības pilnveides sistēma izglītības iestādē",
     "2.2.5 Pedagogu profesionālās darbības pilnveides sistēma izglītības iestādē"},
};
const size_t forms_n_ikvd_indicators = SK_ARRAY_LEN(forms_ikvd_indicators);

/* criterion_code and criterion_name of each indicator, same order. */
const struct forms_choice forms_ikvd_criteria[] = {
    {"2.5", "Mācīšana un mācīšanās", "Mācīšana un mācīšanās"},
    {"2.5", "Mācīšana un mācīšanās", "Mācīšana un mācīšanās"},
    {"2.5", "Mācīšana un mācīšanās", "Mācīšana un mācīšanās"},
    {"2.5", "Mācīšana un mācīšanās", "Mācīšana un mācīšanās"},
    {"2.5", "Mācīšana un mācīšanās", "Mācīšana un mācīšanās"},
    {"2.5", "Mācīšana un mācīšanās", "Mācīšana un mācīšanās"},
    {"4.1", "Finanšu un administratīvā kapacitāte", "Finanšu un administratīvā kapacitāte"},
    {"4.1", "Finanšu un administratīvā kapacitāte", "Finanšu un administratīvā kapacitāte"},
    {"4.1", "Finanšu un administratīvā kapacitāte", "Finanšu un administratīvā kapacitāte"},
    {"4.1", "Finanšu un administratīvā kapacitāte", "Finanšu un administratīvā kapacitāte"},
    {"4.1", "Finanšu un administratīvā kapacitāte", "Finanšu un administratīvā kapacitāte"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.2", "Vadības profesionālā kompetence", "Vadības profesionālā kompetence"},
    {"4.3", "Atbalsts un sadarbība", "Atbalsts un sadarbība"},
    {"4.3", "Atbalsts un sadarbība", "Atbalsts un sadarbība"},
    {"4.3", "Atbalsts un sadarbība", "Atbalsts un sadarbība"},
    {"4.3", "Atbalsts un sadarbība", "Atbalsts un sadarbība"},
    {"4.3", "Atbalsts un sadarbība", "Atbalsts un sadarbība"},
    {"4.3", "Atbalsts un sadarbība", "Atbalsts un sadarbība"},
    {"2.2", "Pedagogu profesionālā kapacitāte", "Pedagogu profesionālā kapacitāte"},
    {"2.2", "Pedagogu profesionālā kapacitāte", "Pedagogu profesionālā kapacitāte"},
    {"2.2", "Pedagogu profesionālā kapacitāte", "Pedagogu profesionālā kapacitāte"},
    {"2.2", "Pedagogu profesionālā kapacitāte", "Pedagogu profesionālā kapacitāte"},
    {"2.2", "Pedagogu profesionālā kapacitāte", "Pedagogu profesionālā kapacitāte"},
};

static const struct forms_field assessment_fields[] = {
    {.key = "year",
     .label_lv = "Mācību gads",
     .label_en = "School year",
     .type = FT_INT,
     .width = 6,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST | FF_RANGE,
     .min = 2000,
     .max = 2100},
    {.key = "indicator_code",
     .label_lv = "Rezultatīvais rādītājs",
     .label_en = "Indicator",
     .type = FT_ENUM,
     .width = 40,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST,
     CHOICES(forms_ikvd_indicators)},
    {.key = "strengths",
     .label_lv = "Stiprās puses",
     .label_en = "Strengths",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_LIST},
    {.key = "development_needs",
     .label_lv = "Turpmākās attīstības vajadzības",
     .label_en = "Development needs",
     .type = FT_MEMO,
     .width = 30,
     .flags = FF_LIST},
};

const struct forms_kind forms_kind_assessment = {
    .key = "assessments",
    .table = "assessment",
    .label_lv = "Pašvērtējums",
    .label_en = "Self-assessment",
    .fields = assessment_fields,
    .n_fields = SK_ARRAY_LEN(assessment_fields),
    .year_field = "year",
    .name_field = "indicator_code",
    .fill_field = "indicator_code",
};

static const struct forms_choice priority_statuses[] = {
    {"achieved", "Sasniegts", "Achieved"},
    {"partly_achieved", "Daļēji sasniegts", "Partly achieved"},
    {"not_achieved", "Nav sasniegts", "Not achieved"},
    {"in_progress", "Procesā", "In progress"},
};

static const struct forms_field priority_fields[] = {
    {.key = "year",
     .label_lv = "Mācību gads",
     .label_en = "School year",
     .type = FT_INT,
     .width = 6,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST | FF_RANGE,
     .min = 2000,
     .max = 2100},
    {.key = "priority",
     .label_lv = "Prioritāte",
     .label_en = "Priority",
     .type = FT_TEXT,
     .width = 36,
     .flags = FF_REQUIRED | FF_NATKEY | FF_LIST,
     .max_len = 300},
    {.key = "qualitative_targets",
     .label_lv = "Kvalitatīvie rādītāji",
     .label_en = "Qualitative targets",
     .type = FT_MEMO,
     .width = 30},
    {.key = "quantitative_targets",
     .label_lv = "Kvantitatīvie rādītāji",
     .label_en = "Quantitative targets",
     .type = FT_MEMO,
     .width = 30},
    {.key = "result", .label_lv = "Rezultāts", .label_en = "Result", .type = FT_MEMO, .width = 30},
    {.key = "status",
     .label_lv = "Statuss",
     .label_en = "Status",
     .type = FT_ENUM,
     .width = 16,
     .flags = FF_REQUIRED | FF_LIST,
     CHOICES(priority_statuses),
     .default_text = "in_progress"},
};

const struct forms_kind forms_kind_priority = {
    .key = "priorities",
    .table = "priority",
    .label_lv = "Prioritātes",
    .label_en = "Priorities",
    .fields = priority_fields,
    .n_fields = SK_ARRAY_LEN(priority_fields),
    .year_field = "year",
    .name_field = "priority",
};
