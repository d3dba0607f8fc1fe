package api

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The schemas a generated client decodes answers into, paired with the Go
// types the handlers encode. A client generator trusts the document: a
// property the server never sends, one it sends that is not documented, a
// field marked required that the server omits (omitempty), or one always sent
// but left optional (a needless pointer in a Go client, a needless undefined
// check in TypeScript) all make the client wrong.
var responseTypes = map[string]any{
	"Problem": Problem{}, "User": UserJSON{}, "Region": RegionJSON{}, "Vacancy": VacancyJSON{},
	"Applicant": ApplicantJSON{}, "Match": MatchJSON{}, "Application": ApplicationJSON{},
	"Program": ProgramJSON{}, "Key": KeyJSON{}, "Round": RoundJSON{}, "Outcome": OutcomeJSON{},
	"Appeal": AppealJSON{}, "Enrollment": EnrollmentJSON{}, "TrainingApplication": TrainingApplicationJSON{},
	"Receipt": ReceiptJSON{}, "UMKCheck": UMKJSON{}, "Message": MessageJSON{}, "Tracking": TrackingJSON{},
	"Case": CaseJSON{}, "CaseDetail": CaseDetailJSON{}, "Finding": FindingJSON{}, "Session": SessionJSON{},
	"Confidential": ConfidentialJSON{}, "Officer": OfficerJSON{}, "Aspiration": AspirationJSON{},
	"Offer":     OfferJSON{},
	"Interview": InterviewJSON{},
}

// Request schemas are checked for their property names and types only: which
// fields are required is the handlers' validation, not the struct's tags.
var requestTypes = map[string]any{
	"VacancyInput": VacancyInput{}, "ProgramInput": ProgramBody{}, "ComplaintInput": ComplaintBody{},
	"OfferInput":     OfferBody{},
	"InterviewInput": InterviewInput{}, "InterviewAnswer": InterviewAnswerInput{}, "Attendance": AttendanceInput{},
}

func TestOpenAPISchemasMatchJSONTypes(t *testing.T) {
	doc := Document()
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	sc := schemaChecker{schemas: schemas}
	for name, v := range responseTypes {
		sc.compare(name, schemaRef(name), reflect.TypeOf(v), true)
	}
	for name, v := range requestTypes {
		sc.compare(name, schemaRef(name), reflect.TypeOf(v), false)
	}
	sort.Strings(sc.problems)
	for _, p := range sc.problems {
		t.Error(p)
	}
}

type schemaChecker struct {
	schemas  map[string]any
	problems []string
}

func (sc *schemaChecker) fail(path, format string, args ...any) {
	sc.problems = append(sc.problems, path+": "+fmt.Sprintf(format, args...))
}

// resolve follows $ref and merges allOf into one object schema; nullable
// reports a 3.1 null alternative (type [T, "null"], or oneOf with null).
func (sc *schemaChecker) resolve(s map[string]any) (out map[string]any, nullable bool) {
	if ref, ok := s["$ref"].(string); ok {
		return sc.resolve(sc.schemas[strings.TrimPrefix(ref, "#/components/schemas/")].(map[string]any))
	}
	if all, ok := s["allOf"].([]any); ok {
		merged := map[string]any{"type": "object", "properties": map[string]any{}}
		var req []string
		for _, part := range all {
			p, _ := sc.resolve(part.(map[string]any))
			for k, v := range p["properties"].(map[string]any) {
				merged["properties"].(map[string]any)[k] = v
			}
			r, _ := p["required"].([]string)
			req = append(req, r...)
		}
		merged["required"] = req
		return merged, false
	}
	if one, ok := s["oneOf"].([]any); ok {
		var other map[string]any
		for _, alt := range one {
			if alt.(map[string]any)["type"] == "null" {
				nullable = true
			} else {
				other = alt.(map[string]any)
			}
		}
		if nullable && len(one) == 2 {
			o, _ := sc.resolve(other)
			return o, true
		}
		return s, false
	}
	if types, ok := s["type"].([]string); ok && slices.Contains(types, "null") {
		c := map[string]any{}
		for k, v := range s {
			c[k] = v
		}
		for _, ty := range types {
			if ty != "null" {
				c["type"] = ty
			}
		}
		return c, true
	}
	return s, false
}

func (sc *schemaChecker) compare(path string, s map[string]any, t reflect.Type, response bool) {
	s, _ = sc.resolve(s)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	want := map[reflect.Kind]string{reflect.String: "string", reflect.Bool: "boolean",
		reflect.Int: "integer", reflect.Int64: "integer", reflect.Int32: "integer",
		reflect.Float64: "number", reflect.Float32: "number",
		reflect.Slice: "array", reflect.Map: "object", reflect.Struct: "object"}[t.Kind()]
	if want == "" || t.Kind() == reflect.Map && t.Elem().Kind() == reflect.Interface {
		return // any, or a free-form object
	}
	if got, _ := s["type"].(string); got != want {
		if _, isEnum := s["enum"]; !(isEnum && want == "string" && got == "string") {
			sc.fail(path, "documented as %v, encoded as %s (%s)", s["type"], want, t)
			return
		}
	}
	switch t.Kind() {
	case reflect.Slice:
		items, _ := s["items"].(map[string]any)
		if items == nil {
			sc.fail(path, "array without items")
			return
		}
		sc.compare(path+"[]", items, t.Elem(), response)
	case reflect.Map:
		ap, _ := s["additionalProperties"].(map[string]any)
		if ap == nil {
			sc.fail(path, "a map without additionalProperties")
			return
		}
		sc.compare(path+"{}", ap, t.Elem(), response)
	case reflect.Struct:
		props, _ := s["properties"].(map[string]any)
		required, _ := s["required"].([]string)
		fields := jsonFields(t)
		for name, f := range fields {
			p, ok := props[name].(map[string]any)
			if !ok {
				sc.fail(path, "%s is encoded but not documented", name)
				continue
			}
			sc.compare(path+"."+name, p, f.typ, response)
			if !response {
				continue // a request may leave out or null what it likes
			}
			if _, nullable := sc.resolve(p); f.typ.Kind() == reflect.Pointer && !f.omitempty && !nullable {
				sc.fail(path, "%s may be null but its schema does not allow null", name)
			}
			isReq := slices.Contains(required, name)
			switch {
			case f.omitted() && isReq:
				sc.fail(path, "%s is required but left out when empty (omitempty)", name)
			case !f.omitted() && !isReq:
				sc.fail(path, "%s is always sent but not required", name)
			}
		}
		for name := range props {
			if _, ok := fields[name]; !ok {
				sc.fail(path, "%s is documented but never encoded", name)
			}
		}
	}
}

type jsonField struct {
	typ       reflect.Type
	omitempty bool
}

// omitted reports whether encoding/json may leave the field out: omitempty
// has no effect on a struct value.
func (f jsonField) omitted() bool {
	return f.omitempty && f.typ.Kind() != reflect.Struct
}

// jsonFields lists the members encoding/json writes for t, with embedded
// structs' fields promoted.
func jsonFields(t reflect.Type) map[string]jsonField {
	out := map[string]jsonField{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" {
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		out[name] = jsonField{typ: f.Type, omitempty: strings.Contains(opts, "omitempty")}
	}
	return out
}
