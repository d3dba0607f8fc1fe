package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/monitor"
)

// monitorRoutes registers what the log's monitor and witnesses found, for
// everyone: /transparansi/pemantau (findings, rules, witnesses) and its
// JSON twin /ledger/findings; and /transparansi/periksa, where a record or
// a receipt is checked by a script in the visitor's own browser.
func (s *Server) monitorRoutes(mux *http.ServeMux) {
	mux.Handle("GET /transparansi/pemantau", s.page(s.monitorPage))
	mux.Handle("GET /transparansi/periksa", s.page(s.checkPage))
	mux.Handle("GET /ledger/findings", s.page(s.monitorJSON))
}

type monitorData struct {
	Status     monitor.Status
	Findings   []monitor.Stored
	Rules      []string
	Witnesses  []monitor.Witness
	StaleAfter int // hours
	Base       string
}

func (s *Server) monitorData(r *req) (monitorData, error) {
	if s.App.Ledger == nil || s.App.Monitor == nil {
		return monitorData{}, db.ErrNotFound
	}
	var d monitorData
	var err error
	if d.Status, err = s.App.Monitor.State(r.Context()); err != nil {
		return d, err
	}
	if d.Findings, err = s.App.Monitor.Findings(r.Context(), 200); err != nil {
		return d, err
	}
	if d.Witnesses, err = s.App.Monitor.Witnesses(r.Context(), s.App.Ledger); err != nil {
		return d, err
	}
	for _, rule := range monitor.Rules {
		d.Rules = append(d.Rules, rule.Name)
	}
	d.StaleAfter = int(s.App.Monitor.StaleAfter / time.Hour)
	d.Base = s.baseURL(r.Request)
	return d, nil
}

func (s *Server) monitorPage(w http.ResponseWriter, r *req) error {
	d, err := s.monitorData(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "ledger_monitor", s.newBase(w, r, "pemantau.title"), d)
}

// monitorJSON is the page's data for programs: the monitor's state, every
// finding (rule, records, detail) and the witnesses with their latest
// cosignature.
func (s *Server) monitorJSON(w http.ResponseWriter, r *req) error {
	d, err := s.monitorData(r)
	if err != nil {
		return err
	}
	rules := make([]map[string]string, len(monitor.Rules))
	for i, rule := range monitor.Rules {
		rules[i] = map[string]string{"name": rule.Name, "text": rule.Text}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"monitor": d.Status, "rules": rules, "findings": d.Findings,
		"witnesses": d.Witnesses, "witness_stale_after_hours": d.StaleAfter})
}

type checkData struct {
	N   string // the record asked for, if any
	Key string // the verifier key the script trusts
}

// checkPage holds the form and the script that checks a record or a
// receipt in the browser. The key the script trusts is on the page, so a
// visitor can compare it with the one published elsewhere.
func (s *Server) checkPage(w http.ResponseWriter, r *req) error {
	if s.App.Ledger == nil {
		return db.ErrNotFound
	}
	d := checkData{Key: s.App.Ledger.VerifierKey}
	if n, err := strconv.ParseInt(r.URL.Query().Get("n"), 10, 64); err == nil && n >= 0 {
		d.N = strconv.FormatInt(n, 10)
	}
	return s.render(w, http.StatusOK, "ledger_check", s.newBase(w, r, "periksa.title"), d)
}
