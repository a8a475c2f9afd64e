/*
 * lax_scalars.c
 *	  Scalar values read as Prefect's pydantic models read them in lax
 *	  mode: strings, booleans, floats, integers and UUIDs, with the
 *	  grammars of pydantic-core (Rust) for numbers and UUIDs in strings.
 */
#include "postgres.h"

#include <math.h>

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "lax_scalars.h"

char *
json_string(const JsonbValue *value, const JsonPath *path)
{
	if (value->type != jbvString)
		json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "a string", value, NULL);
	return pnstrdup(value->val.string.val, value->val.string.len);
}

static bool
text_equals_ci(const char *s, int len, const char *word)
{
	return (int) strlen(word) == len && pg_strncasecmp(s, word, len) == 0;
}

/* pydantic bool: true/false, 0/1, and a few words, case-insensitive */
bool
json_bool(const JsonbValue *value, const JsonPath *path)
{
	static const char *const false_words[] = {"0", "f", "n", "no", "off", "false"};
	static const char *const true_words[] = {"1", "t", "y", "on", "yes", "true"};

	switch (value->type)
	{
		case jbvBool:
			return value->val.boolean;
		case jbvNumeric:
			{
				Datum		num = NumericGetDatum(value->val.numeric);

				if (DatumGetBool(DirectFunctionCall2(numeric_eq, num,
													 DirectFunctionCall1(int4_numeric, Int32GetDatum(0)))))
					return false;
				if (DatumGetBool(DirectFunctionCall2(numeric_eq, num,
													 DirectFunctionCall1(int4_numeric, Int32GetDatum(1)))))
					return true;
				break;
			}
		case jbvString:
			for (int i = 0; i < (int) lengthof(false_words); i++)
			{
				if (text_equals_ci(value->val.string.val, value->val.string.len, false_words[i]))
					return false;
				if (text_equals_ci(value->val.string.val, value->val.string.len, true_words[i]))
					return true;
			}
			break;
		default:
			break;
	}
	json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "a boolean", value,
					 "Use true or false.");
}

/* Unicode White_Space at the start of s (UTF-8 only), as Rust's trim() */
static int
leading_space_len(const char *s, int len)
{
	static const char *const wide_spaces[] = {
		"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80"
	};
	unsigned char c;

	if (len <= 0)
		return 0;
	c = (unsigned char) s[0];
	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (GetDatabaseEncoding() != PG_UTF8 || c < 0x80)
		return 0;
	/* U+2000 .. U+200A */
	if (len >= 3 && c == 0xe2 && (unsigned char) s[1] == 0x80 &&
		(unsigned char) s[2] >= 0x80 && (unsigned char) s[2] <= 0x8a)
		return 3;
	for (int i = 0; i < (int) lengthof(wide_spaces); i++)
	{
		int			wlen = strlen(wide_spaces[i]);

		if (len >= wlen && memcmp(s, wide_spaces[i], wlen) == 0)
			return wlen;
	}
	return 0;
}

static int
trailing_space_len(const char *s, int len)
{
	/* only whole characters can match: try every short suffix */
	for (int w = 1; w <= 3 && w <= len; w++)
	{
		if (leading_space_len(s + len - w, w) == w)
			return w;
	}
	return 0;
}

static void
trim_spaces(const char **s, int *len)
{
	int			n;

	while ((n = leading_space_len(*s, *len)) > 0)
	{
		*s += n;
		*len -= n;
	}
	while ((n = trailing_space_len(*s, *len)) > 0)
		*len -= n;
}

static int
skip_digits(const char *s, int len, int i)
{
	while (i < len && isdigit((unsigned char) s[i]))
		i++;
	return i;
}

/*
 * The finite numbers of Rust's f64 grammar, which lexical (speedate's number
 * parser) shares: [+-] (digits [. digits] | . digits) [e [+-] digits].
 */
bool
is_decimal_text(const char *s, int len)
{
	int			i = 0;
	int			start;
	bool		mantissa_digits;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	start = i;
	i = skip_digits(s, len, i);
	mantissa_digits = (i > start);
	if (i < len && s[i] == '.')
	{
		int			frac_start = ++i;

		i = skip_digits(s, len, i);
		mantissa_digits = mantissa_digits || (i > frac_start);
	}
	if (!mantissa_digits)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E'))
	{
		int			exp_start;

		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		exp_start = i;
		i = skip_digits(s, len, i);
		if (i == exp_start)
			return false;
	}
	return i == len;
}

/*
 * Rust's f64 grammar: a decimal number, or [+-] (inf | infinity | nan),
 * case-insensitive.  On success *result is set.
 */
static bool
parse_rust_float(const char *s, int len, double *result)
{
	int			sign_len = (len > 0 && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
	char	   *copy;

	if (text_equals_ci(s + sign_len, len - sign_len, "inf") ||
		text_equals_ci(s + sign_len, len - sign_len, "infinity") ||
		text_equals_ci(s + sign_len, len - sign_len, "nan"))
	{
		bool		negative = (s[0] == '-');

		if (pg_strncasecmp(s + sign_len, "nan", 3) == 0)
			*result = get_float8_nan();
		else
			*result = negative ? -get_float8_infinity() : get_float8_infinity();
		return true;
	}
	if (!is_decimal_text(s, len))
		return false;
	copy = pnstrdup(s, len);
	*result = strtod(copy, NULL);	/* overflow gives +-HUGE_VAL, as Rust */
	pfree(copy);
	return true;
}

/*
 * pydantic's fallback for numbers written with underscores ("1_000.5"):
 * allowed only between other characters and never doubled.
 */
static char *
strip_underscores(const char *s, int len)
{
	StringInfoData buf;

	if (len == 0 || memchr(s, '_', len) == NULL || s[0] == '_' || s[len - 1] == '_')
		return NULL;
	initStringInfo(&buf);
	for (int i = 0; i < len; i++)
	{
		if (s[i] == '_')
		{
			if (s[i + 1] == '_')
				return NULL;
			continue;
		}
		appendStringInfoChar(&buf, s[i]);
	}
	return buf.data;
}

/*
 * pydantic float: a number, a boolean, or a numeric string.  Non-finite
 * values are returned as such; the caller decides what they mean.
 */
double
json_float(const JsonbValue *value, const JsonPath *path, const char *hint)
{
	double		result;

	switch (value->type)
	{
		case jbvNumeric:
			return strtod(json_numeric_text(value->val.numeric), NULL);
		case jbvBool:
			return value->val.boolean ? 1.0 : 0.0;
		case jbvString:
			{
				const char *s = value->val.string.val;
				int			len = value->val.string.len;
				char	   *plain;

				trim_spaces(&s, &len);
				if (parse_rust_float(s, len, &result))
					return result;
				plain = strip_underscores(value->val.string.val, value->val.string.len);
				if (plain != NULL && parse_rust_float(plain, strlen(plain), &result))
					return result;
				json_value_error(ERRCODE_INVALID_TEXT_REPRESENTATION, path, "a number",
								 value, hint);
			}
		default:
			json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "a number",
							 value, hint);
	}
}

/* An integer written as digits with single underscores, then ".0..." */
static bool
is_int_text(const char *s, int len)
{
	int			i = 0;

	trim_spaces(&s, &len);
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= len || !isdigit((unsigned char) s[i]))
		return false;
	for (i++; i < len && s[i] != '.'; i++)
	{
		if (s[i] == '_' && i + 1 < len && isdigit((unsigned char) s[i + 1]))
			continue;
		if (!isdigit((unsigned char) s[i]))
			return false;
	}
	if (i < len)
	{
		/* ".0", ".00" ... */
		if (i + 1 >= len)
			return false;
		for (i++; i < len; i++)
			if (s[i] != '0')
				return false;
	}
	return true;
}

/* pydantic int (only validated: the deprecated keys that take one are ignored) */
void
json_check_int(const JsonbValue *value, const JsonPath *path)
{
	switch (value->type)
	{
		case jbvBool:
			return;
		case jbvNumeric:
			{
				char	   *text = json_numeric_text(value->val.numeric);
				char	   *dot = strchr(text, '.');

				if (dot == NULL || strspn(dot + 1, "0") == strlen(dot + 1))
					return;
				break;
			}
		case jbvString:
			if (is_int_text(value->val.string.val, value->val.string.len))
				return;
			json_value_error(ERRCODE_INVALID_TEXT_REPRESENTATION, path, "an integer",
							 value, NULL);
		default:
			break;
	}
	json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "an integer", value, NULL);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Hex digits of s, skipping hyphens at the given byte offsets (or none). */
static bool
read_uuid_hex(const char *s, int len, bool hyphenated, pg_uuid_t *out)
{
	int			nibble = 0;

	for (int i = 0; i < len; i++)
	{
		int			h;

		if (hyphenated && (i == 8 || i == 13 || i == 18 || i == 23))
		{
			if (s[i] != '-')
				return false;
			continue;
		}
		h = hex_value(s[i]);
		if (h < 0)
			return false;
		if (nibble % 2 == 0)
			out->data[nibble / 2] = (unsigned char) (h << 4);
		else
			out->data[nibble / 2] |= (unsigned char) h;
		nibble++;
	}
	return nibble == 32;
}

/*
 * The UUID forms pydantic accepts (Rust uuid crate, by length): 32 hex
 * digits; 8-4-4-4-12; that in braces; that after a lower-case "urn:uuid:".
 */
void
json_uuid(const JsonbValue *value, const JsonPath *path, pg_uuid_t *out)
{
	bool		ok = false;

	if (value->type == jbvString)
	{
		const char *s = value->val.string.val;
		int			len = value->val.string.len;

		switch (len)
		{
			case 32:
				ok = read_uuid_hex(s, 32, false, out);
				break;
			case 36:
				ok = read_uuid_hex(s, 36, true, out);
				break;
			case 38:
				ok = s[0] == '{' && s[37] == '}' && read_uuid_hex(s + 1, 36, true, out);
				break;
			case 45:
				ok = memcmp(s, "urn:uuid:", 9) == 0 && read_uuid_hex(s + 9, 36, true, out);
				break;
		}
		if (!ok)
			json_value_error(ERRCODE_INVALID_TEXT_REPRESENTATION, path, "a UUID", value,
							 "Write a UUID as 32 hexadecimal digits, optionally as 8-4-4-4-12 groups.");
		return;
	}
	json_value_error(ERRCODE_INVALID_PARAMETER_VALUE, path, "a UUID", value, NULL);
}

/* "3c90c3cc-0d44-4b50-8888-8dd25736052a", as Prefect writes created_by ids */
char *
uuid_lower_text(const pg_uuid_t *uuid)
{
	static const char hex[] = "0123456789abcdef";
	char	   *text = palloc(37);
	int			pos = 0;

	for (int i = 0; i < UUID_LEN; i++)
	{
		if (i == 4 || i == 6 || i == 8 || i == 10)
			text[pos++] = '-';
		text[pos++] = hex[uuid->data[i] >> 4];
		text[pos++] = hex[uuid->data[i] & 0x0f];
	}
	text[pos] = '\0';
	return text;
}
