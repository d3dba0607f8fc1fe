package api

import (
	"reflect"
	"sort"
	"testing"
)

// TestApprenticeshipSchemas checks the apprenticeship schemas against the
// types the handlers encode and decode, as TestOpenAPISchemasMatchJSONTypes
// does for the older ones (kept apart so the feature merges in one file).
func TestApprenticeshipSchemas(t *testing.T) {
	schemas := Document()["components"].(map[string]any)["schemas"].(map[string]any)
	sc := schemaChecker{schemas: schemas}
	for name, v := range map[string]any{"Apprenticeship": ApprenticeshipJSON{}, "ApprenticeshipCreated": ApprenticeshipCreated{},
		"ApprenticeshipQueue": ApprenticeshipQueue{}, "ApprenticeshipVacancy": ApprenticeshipVacancy{}, "Apprentice": ApprenticeJSON{},
		"ApprenticeRoster": ApprenticeRoster{}} {
		sc.compare(name, schemaRef(name), reflect.TypeOf(v), true)
	}
	for name, v := range map[string]any{"ApprenticeshipInput": ApprenticeshipInput{}, "ApprenticeshipDecision": ApprenticeshipDecision{},
		"ApprenticeshipVacancyInput": ApprenticeshipVacancyInput{}, "ApprenticeTake": ApprenticeTake{}, "ApprenticeEnd": ApprenticeEnd{}} {
		sc.compare(name, schemaRef(name), reflect.TypeOf(v), false)
	}
	sort.Strings(sc.problems)
	for _, p := range sc.problems {
		t.Error(p)
	}
}
