/*
 * datetime_io.c
 *	  Date-times in and out the way Prefect's API reads and writes them.
 *
 * Input follows pydantic's lax datetime rules (its speedate parser):
 *	- "YYYY-MM-DD" + one of "T t _ space" + "HH:MM[:SS[(.|,)digits]]"
 *	  + optional "Z", "z" or "+HH:MM" / "+HHMM" (also U+2212 as minus);
 *	  no surrounding whitespace; digits past the sixth are truncated;
 *	- "YYYY-MM-DD" alone (midnight);
 *	- Unix time as a JSON number or a numeric string, in seconds, or in
 *	  milliseconds when its magnitude is above 2e10.
 * A value without an offset is UTC, as in Prefect.  Python 3.12 and older
 * also try pendulum's parser on strings pydantic rejects; that fallback is
 * not reproduced (README, compatibility notes).
 *
 * Output is always UTC: "YYYY-MM-DDTHH:MM:SS[.ffffff]Z".
 */
#include "postgres.h"

#include <math.h>

#include "datatype/timestamp.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "datetime_io.h"
#include "lax_scalars.h"

/* speedate reads a Unix time above this magnitude as milliseconds */
#define TIMESTAMP_WATERSHED INT64CONST(20000000000)
#define UNIX_SECS_0001 INT64CONST(-62135596800)
#define UNIX_SECS_9999_END INT64CONST(253402300799)
#define PG_EPOCH_UNIX_SECS \
	((int64) (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE) * SECS_PER_DAY)

#define DATETIME_HINT \
	"Use ISO 8601, e.g. \"2024-01-01T00:00:00Z\", or a Unix time in seconds."

typedef struct DateTimeFields
{
	int			year;
	int			month;
	int			day;
	int			hour;
	int			minute;
	int			second;
	int			usec;
	int			offset_secs;	/* east of UTC */
} DateTimeFields;

TimestampTz
prefect_min_timestamp(void)
{
	return (TimestampTz) (date2j(1, 1, 1) - POSTGRES_EPOCH_JDATE) * USECS_PER_DAY;
}

TimestampTz
prefect_max_timestamp(void)
{
	return (TimestampTz) (date2j(10000, 1, 1) - POSTGRES_EPOCH_JDATE) * USECS_PER_DAY - 1;
}

static bool
read_digits(const char *s, int len, int pos, int ndigits, int *value)
{
	int			v = 0;

	if (pos + ndigits > len)
		return false;
	for (int i = pos; i < pos + ndigits; i++)
	{
		if (!isdigit((unsigned char) s[i]))
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return true;
}

static int
days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool		leap = (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);

	return (month == 2 && leap) ? 29 : days[month - 1];
}

/* "+HH:MM", "+HHMM", "Z"; returns the bytes consumed, or -1 */
static int
read_offset(const char *s, int len, int pos, int *offset_secs)
{
	int			sign;
	int			hours;
	int			minutes;
	int			i = pos;

	if (s[i] == 'Z' || s[i] == 'z')
	{
		*offset_secs = 0;
		return 1;
	}
	if (s[i] == '+' || s[i] == '-')
	{
		sign = (s[i] == '-') ? -1 : 1;
		i++;
	}
	else if (len - i >= 3 && memcmp(s + i, "\xe2\x88\x92", 3) == 0)
	{
		sign = -1;				/* U+2212 MINUS SIGN */
		i += 3;
	}
	else
		return -1;
	if (!read_digits(s, len, i, 2, &hours))
		return -1;
	i += 2;
	if (i < len && s[i] == ':')
		i++;
	if (!read_digits(s, len, i, 2, &minutes) || minutes > 59)
		return -1;
	i += 2;
	if (hours * 3600 + minutes * 60 >= SECS_PER_DAY)
		return -1;
	*offset_secs = sign * (hours * 3600 + minutes * 60);
	return i - pos;
}

static bool
parse_iso_datetime(const char *s, int len, DateTimeFields *f)
{
	int			i;

	memset(f, 0, sizeof(*f));
	if (len < 10 || s[4] != '-' || s[7] != '-' ||
		!read_digits(s, len, 0, 4, &f->year) ||
		!read_digits(s, len, 5, 2, &f->month) ||
		!read_digits(s, len, 8, 2, &f->day) ||
		f->month < 1 || f->month > 12 ||
		f->day < 1 || f->day > days_in_month(f->year, f->month))
		return false;
	if (len == 10)
		return true;			/* a date alone is midnight */
	if (strchr("Tt _", s[10]) == NULL || s[10] == '\0')
		return false;

	i = 11;
	if (!read_digits(s, len, i, 2, &f->hour) || f->hour > 23 ||
		i + 2 >= len || s[i + 2] != ':' ||
		!read_digits(s, len, i + 3, 2, &f->minute) || f->minute > 59)
		return false;
	i += 5;
	if (i < len && s[i] == ':')
	{
		if (!read_digits(s, len, i + 1, 2, &f->second) || f->second > 59)
			return false;
		i += 3;
		if (i < len && (s[i] == '.' || s[i] == ','))
		{
			int			ndigits = 0;

			for (i++; i < len && isdigit((unsigned char) s[i]); i++, ndigits++)
			{
				if (ndigits < 6)
					f->usec = f->usec * 10 + (s[i] - '0');
			}
			if (ndigits == 0)
				return false;
			for (; ndigits < 6; ndigits++)
				f->usec *= 10;
		}
	}
	if (i < len)
	{
		int			used = read_offset(s, len, i, &f->offset_secs);

		if (used < 0)
			return false;
		i += used;
	}
	return i == len;
}

/*
 * speedate's from_timestamp: seconds, or milliseconds above the watershed,
 * plus extra microseconds.  False when outside years 0001..9999.
 */
static bool
unix_to_timestamp(int64 ts, int64 extra_usec, TimestampTz *result)
{
	int64		secs;
	int64		usec;

	if (ts == PG_INT64_MIN)
		return false;
	if (ts > TIMESTAMP_WATERSHED || ts < -TIMESTAMP_WATERSHED)
	{
		secs = ts / 1000;
		usec = (ts % 1000) * 1000;
		if (usec < 0)
		{
			secs -= 1;
			usec += USECS_PER_SEC;
		}
	}
	else
	{
		secs = ts;
		usec = 0;
	}
	usec += extra_usec;
	secs += usec / USECS_PER_SEC;
	usec %= USECS_PER_SEC;
	if (secs < UNIX_SECS_0001 || secs > UNIX_SECS_9999_END)
		return false;
	*result = (secs - PG_EPOCH_UNIX_SECS) * USECS_PER_SEC + usec;
	return true;
}

static int64
saturating_int64(double d)
{
	if (isnan(d))
		return 0;
	if (d >= 9223372036854775807.0)
		return PG_INT64_MAX;
	if (d <= -9223372036854775808.0)
		return PG_INT64_MIN;
	return (int64) d;
}

static bool
parse_int64_text(const char *s, int len, int64 *value)
{
	char	   *copy;
	char	   *end;
	int			i = (len > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0;

	if (i == len)
		return false;
	for (int j = i; j < len; j++)
		if (!isdigit((unsigned char) s[j]))
			return false;
	copy = pnstrdup(s, len);
	errno = 0;
	*value = strtoll(copy, &end, 10);
	return errno == 0;
}

/* A numeric string: integer Unix time, or (with a '.') a decimal one */
static bool
parse_unix_text(const char *s, int len, TimestampTz *result)
{
	int64		ts;

	if (memchr(s, '.', len) == NULL)
		return parse_int64_text(s, len, &ts) && unix_to_timestamp(ts, 0, result);

	if (is_decimal_text(s, len))
	{
		char	   *copy = pnstrdup(s, len);
		double		f = strtod(copy, NULL);
		double		norm;
		double		secs;

		if (!isfinite(f))
			return false;
		norm = fabs(f) > (double) TIMESTAMP_WATERSHED ? f / 1000.0 : f;
		secs = floor(norm);
		return unix_to_timestamp(saturating_int64(secs),
								 (int64) round((norm - secs) * 1e6), result);
	}
	return false;
}

/*
 * A JSON number.  Integers take the exact path; decimals reproduce
 * speedate's float rule, including its use of the absolute fraction.
 */
static bool
parse_unix_number(Numeric num, TimestampTz *result)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	double		f;
	double		frac;
	double		scale;
	int64		ts;

	if (strchr(text, '.') == NULL)
	{
		/* 19 digits and more are a big integer to pydantic: rejected */
		if (strlen(text) - (text[0] == '-') > 18)
			return false;
		return parse_int64_text(text, strlen(text), &ts) && unix_to_timestamp(ts, 0, result);
	}
	f = strtod(text, NULL);
	if (!isfinite(f))
		return false;
	frac = fabs(f - trunc(f));
	scale = fabs(f) > (double) TIMESTAMP_WATERSHED ? 1e3 : 1e6;
	return unix_to_timestamp(saturating_int64(floor(f)),
							 (int64) round(frac * scale), result);
}

TimestampTz
json_datetime(const JsonbValue *value, const JsonPath *path)
{
	TimestampTz result = 0;
	DateTimeFields f;

	if (value->type == jbvString)
	{
		const char *s = value->val.string.val;
		int			len = value->val.string.len;

		if (parse_iso_datetime(s, len, &f))
		{
			if (f.year == 0)
				json_value_error(ERRCODE_DATETIME_FIELD_OVERFLOW, path,
								 "a date-time in years 1 to 9999", value, NULL);
			result = (TimestampTz) (date2j(f.year, f.month, f.day) - POSTGRES_EPOCH_JDATE) * USECS_PER_DAY
				+ ((int64) ((f.hour * 60 + f.minute) * 60 + f.second - f.offset_secs)) * USECS_PER_SEC
				+ f.usec;
		}
		else if (!parse_unix_text(s, len, &result))
			json_value_error(ERRCODE_INVALID_DATETIME_FORMAT, path, "a date-time",
							 value, DATETIME_HINT);
	}
	else if (value->type == jbvNumeric)
	{
		if (!parse_unix_number(value->val.numeric, &result))
			json_value_error(ERRCODE_DATETIME_FIELD_OVERFLOW, path,
							 "a Unix time in years 1 to 9999", value, DATETIME_HINT);
	}
	else
		json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "a date-time",
						 value, DATETIME_HINT);

	/* an offset can move a valid local time out of Python's range */
	if (result < prefect_min_timestamp() || result > prefect_max_timestamp())
		json_value_error(ERRCODE_DATETIME_FIELD_OVERFLOW, path,
						 "a date-time in years 1 to 9999 (UTC)", value, NULL);
	return result;
}

void
append_prefect_timestamp(StringInfo buf, TimestampTz ts)
{
	struct pg_tm tm;
	fsec_t		fsec;

	if (TIMESTAMP_NOT_FINITE(ts) ||
		timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	appendStringInfo(buf, "%04d-%02d-%02dT%02d:%02d:%02d",
					 tm.tm_year, tm.tm_mon, tm.tm_mday,
					 tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (fsec != 0)
		appendStringInfo(buf, ".%06d", (int) fsec);
	appendStringInfoChar(buf, 'Z');
}
