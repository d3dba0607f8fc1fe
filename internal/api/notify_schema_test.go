package api

import (
	"reflect"
	"sort"
	"testing"
)

// TestNotifySchemasMatchJSONTypes holds the inbox and settings schemas to
// the types the handlers encode and decode, as TestOpenAPISchemasMatchJSONTypes
// does for the older ones.
func TestNotifySchemasMatchJSONTypes(t *testing.T) {
	sc := schemaChecker{schemas: Document()["components"].(map[string]any)["schemas"].(map[string]any)}
	for name, v := range map[string]any{"Notification": NotificationJSON{}, "Notifications": NotificationsJSON{},
		"NotificationSettings": NotificationSettingsJSON{}} {
		sc.compare(name, schemaRef(name), reflect.TypeOf(v), true)
	}
	sc.compare("NotificationSettingsInput", schemaRef("NotificationSettingsInput"), reflect.TypeOf(NotificationSettingsInput{}), false)
	sort.Strings(sc.problems)
	for _, p := range sc.problems {
		t.Error(p)
	}
}
