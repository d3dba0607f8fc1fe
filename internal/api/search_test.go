package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestSynonymsAPI: an admin adds a synonym group and the public search
// uses it at once; a group without a source or with one member is 422 with
// field errors; removing it is 204 and then 404; others may not.
func TestSynonymsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		admin := loginClient(t, a.URL, "admin@bursa.test", "bursa-demo")
		hr := loginClient(t, a.URL, "perusahaan@bursa.test", "bursa-demo")
		anon := &client{t: t, base: a.URL, c: apptest.NewClient()}
		var page struct {
			Total int `json:"total"`
		}
		if st, _ := anon.do("GET", "/api/v1/vacancies?q=mandor%20tungku", nil, &page); st != 200 || page.Total != 0 {
			t.Fatalf("before: %d, %d found", st, page.Total)
		}
		var ops struct {
			Total int `json:"total"`
		}
		anon.do("GET", "/api/v1/vacancies?q=operator", nil, &ops)

		var problem struct {
			Errors []struct {
				Field string `json:"field"`
				Code  string `json:"code"`
			} `json:"errors"`
		}
		if st, _ := admin.do("POST", "/api/v1/admin/synonyms", map[string]any{"members": []string{"mandor tungku"}, "source": ""}, &problem); st != 422 || len(problem.Errors) != 2 {
			t.Fatalf("invalid group: %d %+v", st, problem)
		}
		for _, c := range []*client{hr, anon} {
			if st, _ := c.do("POST", "/api/v1/admin/synonyms", map[string]any{"members": []string{"a", "b"}, "source": "x"}, nil); st != 403 && st != 401 {
				t.Fatalf("not an admin: %d", st)
			}
			if st, _ := c.do("GET", "/api/v1/admin/synonyms", nil, nil); st != 403 && st != 401 {
				t.Fatalf("not an admin lists: %d", st)
			}
		}
		var g struct {
			ID      int64    `json:"id"`
			Members []string `json:"members"`
		}
		if st, _ := admin.do("POST", "/api/v1/admin/synonyms", map[string]any{"members": []string{"Mandor Tungku", "operator"}, "source": "uji"}, &g); st != 201 || len(g.Members) != 2 {
			t.Fatalf("add: %d %+v", st, g)
		}
		if st, _ := anon.do("GET", "/api/v1/vacancies?q=mandor%20tungku", nil, &page); st != 200 || page.Total != ops.Total {
			t.Fatalf("after: %d, %d found, operator finds %d", st, page.Total, ops.Total)
		}
		var list struct {
			Items   []map[string]any `json:"items"`
			Shipped int              `json:"shipped_groups"`
		}
		if st, _ := admin.do("GET", "/api/v1/admin/synonyms", nil, &list); st != 200 || len(list.Items) != 1 || list.Shipped < 60 {
			t.Fatalf("list: %d %+v", st, list)
		}
		path := fmt.Sprintf("/api/v1/admin/synonyms/%d", g.ID)
		if st, _ := hr.do("DELETE", path, nil, nil); st != 403 {
			t.Fatalf("employer removes: %d", st)
		}
		if st, _ := admin.do("DELETE", path, nil, nil); st != 204 {
			t.Fatalf("remove: %d", st)
		}
		if st, _ := admin.do("DELETE", path, nil, nil); st != 404 {
			t.Fatalf("remove again: %d", st)
		}
	})
}
