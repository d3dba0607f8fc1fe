// Package valid carries validation failures from domain packages to the web
// and API layers as message ids with arguments, so the domain knows no
// language and every surface can say the same thing in Indonesian or English.
package valid

import (
	"errors"
	"github.com/bursa-banten/bursa/internal/fail"
	"strings"
)

// FieldError is one failed rule for one input field. Code is a message id
// (the catalog key is "err." + Code); Args fill the message's placeholders.
type FieldError struct {
	Field string
	Code  string
	Args  map[string]any
}

// Errors is a list of field errors; a nil or empty Errors is no error.
type Errors []FieldError

// Add appends a field error.
func (e *Errors) Add(field, code string, args ...any) {
	fe := FieldError{Field: field, Code: code}
	if len(args) > 0 {
		fe.Args = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			k, _ := args[i].(string)
			fe.Args[k] = args[i+1]
		}
	}
	*e = append(*e, fe)
}

// Has reports whether field already has an error (so later rules for the
// same field can stay quiet and show one message at a time).
func (e Errors) Has(field string) bool {
	for _, fe := range e {
		if fe.Field == field {
			return true
		}
	}
	return false
}

// Is makes every validation failure a fail.Invalid, answered 422.
func (e Errors) Is(target error) bool { return target == fail.Invalid }

// Err returns e as an error, or nil when it is empty.
func (e Errors) Err() error {
	if len(e) == 0 {
		return nil
	}
	return e
}

func (e Errors) Error() string {
	parts := make([]string, len(e))
	for i, fe := range e {
		parts[i] = fe.Field + ": " + fe.Code
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// As returns the field errors inside err, if any.
func As(err error) (Errors, bool) {
	var e Errors
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// New returns an error with a single field error.
func New(field, code string, args ...any) error {
	var e Errors
	e.Add(field, code, args...)
	return e
}
