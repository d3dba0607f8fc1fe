// Package site assembles bursa's whole HTTP handler: the pages, the JSON API
// and the transparency log's endpoints on one mux, inside the pages'
// middleware chain. It is its own small package so that both the command
// line (serve) and the test helpers (apptest) build exactly the same thing.
package site

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/web"
)

// Handler builds the whole HTTP handler (pages and API) over services.
func Handler(a *app.Services) (http.Handler, error) {
	cat := a.Catalog
	ws, err := web.New(a, cat)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	ws.Routes(mux)
	api.New(a, cat).Routes(mux)
	h := ws.Handler(a.Metrics.Instrument(mux))
	if a.Ledger != nil {
		a.Ledger.Routes(mux, a.Log)
		// A log whose database is behind what it signed refuses writes
		// (see ledger.Guard); say why on every answer while it lasts.
		h = readOnly(a, h)
	}
	return h, nil
}
