package api

import (
	"reflect"
	"testing"
)

// The saved-search schemas match the types the handlers encode and decode
// (as TestOpenAPISchemasMatchJSONTypes does for the older ones).
func TestAlertSchemasMatchJSONTypes(t *testing.T) {
	schemas := Document()["components"].(map[string]any)["schemas"].(map[string]any)
	sc := schemaChecker{schemas: schemas}
	sc.compare("SavedSearch", schemaRef("SavedSearch"), reflect.TypeOf(SavedSearchJSON{}), true)
	sc.compare("Digest", schemaRef("Digest"), reflect.TypeOf(DigestJSON{}), true)
	sc.compare("SavedSearchInput", schemaRef("SavedSearchInput"), reflect.TypeOf(SavedSearchInput{}), false)
	for _, p := range sc.problems {
		t.Error(p)
	}
}
