package valid

import (
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TextCode is the message id of text that no database can store: a NUL
// byte or bytes that are not UTF-8. PostgreSQL refuses both (SQLite would
// keep them), so both doors turn them away first, the same on either
// database, as a field error rather than a failed query.
const TextCode = "text_unreadable"

// BadText reports whether s is text bursa will not store.
func BadText(s string) bool { return strings.IndexByte(s, 0) >= 0 || !utf8.ValidString(s) }

// Values checks every value of a query or form (a url.Values).
func Values(vs map[string][]string) Errors {
	var errs Errors
	for k, list := range vs {
		for _, v := range list {
			if BadText(v) || BadText(k) {
				if !errs.Has(k) {
					errs.Add(strings.ToValidUTF8(k, "?"), TextCode)
				}
				break
			}
		}
	}
	return errs
}

// Strings checks every string reachable from v (a decoded JSON request:
// structs, pointers, slices, maps), naming each bad one by its JSON path,
// e.g. "skills[2]" or "complaint.story".
func Strings(v any) Errors {
	var errs Errors
	walkStrings(reflect.ValueOf(v), "", &errs)
	return errs
}

func walkStrings(v reflect.Value, path string, errs *Errors) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), path, errs)
		}
	case reflect.String:
		if BadText(v.String()) && !errs.Has(path) {
			errs.Add(path, TextCode)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // []byte is data (e.g. a file), not text
		}
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), path+"["+strconv.Itoa(i)+"]", errs)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			if k.Kind() == reflect.String && BadText(k.String()) && !errs.Has(path) {
				errs.Add(path, TextCode)
			}
			walkStrings(iter.Value(), join(path, strings.ToValidUTF8(k.String(), "?")), errs)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == "-" {
				continue
			} else if tag != "" {
				name = tag
			}
			if f.Anonymous {
				walkStrings(v.Field(i), path, errs)
				continue
			}
			walkStrings(v.Field(i), join(path, name), errs)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
