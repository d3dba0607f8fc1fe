package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/monitor"
)

// monitorAPI lists the log monitor's endpoint: what the serve process's
// own monitor found and the witnesses' latest cosignatures, for everyone.
func (s *Server) monitorAPI() []route {
	return []route{{"GET", "/api/v1/ledger/findings", s.ledgerFindings}}
}

// LedgerFindingsJSON is the monitor's state, its findings and the
// witnesses, as /transparansi/pemantau shows them.
type LedgerFindingsJSON struct {
	Monitor         monitor.Status    `json:"monitor"`
	Rules           []LedgerRuleJSON  `json:"rules"`
	Findings        []monitor.Stored  `json:"findings"`
	Witnesses       []monitor.Witness `json:"witnesses"`
	StaleAfterHours int               `json:"witness_stale_after_hours"`
}

// LedgerRuleJSON is one completeness rule the monitor checks.
type LedgerRuleJSON struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

func (s *Server) ledgerFindings(w http.ResponseWriter, c *call) error {
	if s.App.Ledger == nil || s.App.Monitor == nil {
		return db.ErrNotFound
	}
	ctx := c.Context()
	var out LedgerFindingsJSON
	var err error
	if out.Monitor, err = s.App.Monitor.State(ctx); err != nil {
		return err
	}
	if out.Findings, err = s.App.Monitor.Findings(ctx, 200); err != nil {
		return err
	}
	if out.Witnesses, err = s.App.Monitor.Witnesses(ctx, s.App.Ledger); err != nil {
		return err
	}
	for _, r := range monitor.Rules {
		out.Rules = append(out.Rules, LedgerRuleJSON{Name: r.Name, Text: r.Text})
	}
	out.StaleAfterHours = int(s.App.Monitor.StaleAfter / time.Hour)
	w.Header().Set("Cache-Control", "no-cache")
	return writeJSON(w, http.StatusOK, out)
}
