package api

import (
	"reflect"
	"testing"
)

// The wage council's schemas match the types the handlers encode and decode.
func TestWageSchemasMatchJSONTypes(t *testing.T) {
	schemas := Document()["components"].(map[string]any)["schemas"].(map[string]any)
	sc := schemaChecker{schemas: schemas}
	for name, ty := range map[string]any{"Simulation": SimulationJSON{}, "Simulations": SimulationsJSON{}, "WageRound": WageRoundJSON{},
		"WageProposal": WageProposalJSON{}, "WageRecommendation": WageRecommendationJSON{}, "WageMember": WageMemberJSON{},
		"Meeting": MeetingJSON{}, "AgendaItem": AgendaItemJSON{}, "TriRecommendation": TriRecommendationJSON{}, "WageInputs": WageInputsInput{}} {
		sc.compare(name, schemaRef(name), reflect.TypeOf(ty), true)
	}
	for name, ty := range map[string]any{"SimulationInput": SimulationInput{}, "WageProposalInput": WageProposalInput{},
		"WageRecommendationInput": WageRecommendationInput{}, "WageInputs": WageInputsInput{}} {
		sc.compare(name, schemaRef(name), reflect.TypeOf(ty), false)
	}
	for _, p := range sc.problems {
		t.Error(p)
	}
}
