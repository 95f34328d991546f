/* Calendar days as a count since 1970-01-01 in the proleptic Gregorian
 * calendar: arithmetic is plain integer arithmetic, and storage writes ISO. */
#include "forms/forms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "forms/internal.h"

static bool
is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool
sk_date_valid(int y, int m, int d)
{
    /* Four-digit years only: that is what every accepted text form has. */
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: eras of 400 years starting in March, so
 * that the leap day is the last day of the (shifted) year. */
sk_date
sk_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void
sk_date_to_ymd(sk_date day, int *y, int *m, int *d)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (mm <= 2);
    *m = mm;
    *d = dd;
}

/* Reads 1..max_digits decimal digits; returns the number of digits read. */
static int
read_digits(const char **p, int max_digits, int *out)
{
    int n = 0, v = 0;
    while (n < max_digits && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *out = v;
    return n;
}

bool
forms_date_scan(const char *text, int *y, int *m, int *d)
{
    const char *p = text;
    int a, b, c;
    int na = read_digits(&p, 4, &a);
    if (na == 4 && *p == '-') {
        /* YYYY-MM-DD, strictly two digits each */
        p++;
        if (read_digits(&p, 2, &b) != 2 || *p++ != '-' || read_digits(&p, 2, &c) != 2)
            return false;
        *y = a, *m = b, *d = c;
    } else if ((na == 1 || na == 2) && *p == '.') {
        /* DD.MM.YYYY or D.M.YYYY, optionally "1.9.2024." */
        p++;
        if (read_digits(&p, 2, &b) < 1 || *p++ != '.' || read_digits(&p, 4, &c) != 4)
            return false;
        if (*p == '.')
            p++;
        *d = a, *m = b, *y = c;
    } else {
        return false;
    }
    return *p == '\0';
}

bool
sk_date_parse(const char *text, sk_date *out)
{
    int y, m, d;
    if (!forms_date_scan(text, &y, &m, &d) || !sk_date_valid(y, m, d))
        return false;
    *out = sk_date_from_ymd(y, m, d);
    return true;
}

void
sk_date_format(sk_date day, bool iso, char *buf)
{
    int y, m, d;
    sk_date_to_ymd(day, &y, &m, &d);
    /* Clamp so that the text always fits the promised 11 bytes. */
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    /* By hand, not snprintf: export and import format millions of dates. */
    char yyyy[4] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
                    (char)('0' + y % 10)};
    char mm[2] = {(char)('0' + m / 10), (char)('0' + m % 10)};
    char dd[2] = {(char)('0' + d / 10), (char)('0' + d % 10)};
    if (iso) {
        memcpy(buf, yyyy, 4);
        buf[4] = '-';
        memcpy(buf + 5, mm, 2);
        buf[7] = '-';
        memcpy(buf + 8, dd, 2);
    } else {
        memcpy(buf, dd, 2);
        buf[2] = '.';
        memcpy(buf + 3, mm, 2);
        buf[5] = '.';
        memcpy(buf + 6, yyyy, 4);
    }
    buf[10] = '\0';
}

sk_date
sk_date_today(void)
{
    /* Tests pin the day so that ages, long-term vacancies and school years
     * do not depend on when they run. */
    const char *pinned = getenv("SKOLA_TODAY");
    sk_date day;
    if (pinned && *pinned && sk_date_parse(pinned, &day))
        return day;
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return sk_date_from_ymd(1970, 1, 1);
    return sk_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

sk_date
sk_date_add_months(sk_date day, int months)
{
    int y, m, d;
    sk_date_to_ymd(day, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    int ny = total >= 0 ? total / 12 : (total - 11) / 12;
    int nm = total - ny * 12 + 1;
    int last = days_in_month(ny, nm);
    return sk_date_from_ymd(ny, nm, d > last ? last : d);
}

int
sk_date_years_between(sk_date from, sk_date to)
{
    if (to < from)
        return -sk_date_years_between(to, from);
    int y1, m1, d1, y2, m2, d2;
    sk_date_to_ymd(from, &y1, &m1, &d1);
    sk_date_to_ymd(to, &y2, &m2, &d2);
    int years = y2 - y1;
    if (m2 < m1 || (m2 == m1 && d2 < d1))
        years--;
    return years;
}

int
sk_date_school_year(sk_date day)
{
    int y, m, d;
    sk_date_to_ymd(day, &y, &m, &d);
    return m >= 9 ? y : y - 1;
}
