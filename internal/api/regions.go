package api

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/ref"
)

// RegionJSON is a regency/city with its minimum wages.
type RegionJSON struct {
	Code      string           `json:"code"`
	Name      string           `json:"name"`
	Kind      string           `json:"kind"`
	Neighbors []string         `json:"neighbors"`
	UMK       map[string]int64 `json:"umk"`
}

func (s *Server) regions(w http.ResponseWriter, c *call) error {
	out := []RegionJSON{}
	for _, r := range ref.Regions() {
		rj := RegionJSON{Code: r.Code, Name: r.Name, Kind: r.Kind, Neighbors: r.Neighbors, UMK: map[string]int64{}}
		for _, mw := range ref.MinimumWages() {
			if mw.RegionCode == r.Code {
				rj.UMK[strconv.Itoa(mw.Year)] = mw.Amount
			}
		}
		out = append(out, rj)
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
