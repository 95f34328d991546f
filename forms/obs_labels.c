/* The built-in LVT-2023 criteria template in the user's language: the seed
 * template (data/observation-criteria-lvt-2023.csv) is Latvian, and so are
 * its section names and criteria as stored; in English (lv false) they
 * read as the criteria's tick fields do (forms/kind_observation.c label_en). A
 * template the school added keeps its own wording in every language. */
#include "forms/forms.h"

#include <string.h>

static const struct {
    const char *lv, *en;
} lvt_sections[] = {
    {"Nodarbības/stundas struktūra", "Structure of the lesson"},
    {"Mācību metodes un rīki", "Teaching methods and tools"},
    {"Saskarsme, attieksme", "Communication, attitude"},
    {"Pozitīvais nodarbībā", "Positive in the lesson"},
};

const char *
forms_observation_section_label(int no, const char *name, bool lv)
{
    if (!name || lv || no < 1 || no > (int)SK_ARRAY_LEN(lvt_sections) ||
        strcmp(name, lvt_sections[no - 1].lv) != 0)
        return name;
    return lvt_sections[no - 1].en;
}

const char *
forms_observation_crit_text_label(const char *code, const char *text, bool lv)
{
    if (!text || !code || lv)
        return text;
    int fi = forms_observation_crit_field(code);
    if (fi < 0 || (size_t)fi >= forms_observation_first_crit + FORMS_OBS_LVT_CRIT)
        return text;
    const struct forms_field *f = &forms_kind_observation.fields[fi];
    /* label_lv "3.3. Daudzpusēja sadarbība" holds the first words of the
     * seed's text ("Daudzpusēja sadarbība (pedagogs-izglītojamais, …)")
     * after "CODE. ", label_en "3.3 Many-sided cooperation" the English
     * after "CODE ", as the summary and the sheet show the criterion */
    size_t n = strlen(code);
    if (!f->label_lv || !f->label_en || strncmp(f->label_lv, code, n) != 0 ||
        strncmp(f->label_lv + n, ". ", 2) != 0 || strncmp(f->label_en, code, n) != 0 ||
        f->label_en[n] != ' ')
        return text;
    const char *lv_words = f->label_lv + n + 2;
    size_t k = strlen(lv_words);
    if (strncmp(text, lv_words, k) != 0 || (text[k] != '\0' && text[k] != ' '))
        return text;
    return f->label_en + n + 1;
}
