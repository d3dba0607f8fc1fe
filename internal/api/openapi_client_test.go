package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/bursa-banten/bursa/internal/api/apiclient"
	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// TestGeneratedClient drives the running app through the client that
// oapi-codegen generated from the OpenAPI document (package apiclient, kept
// current by its gen test). Nothing is hand-written on the wire: requests are
// built and answers decoded from the document alone, so a wrong path,
// parameter, body or response shape in the document fails here.
//
// The session travels as the document describes it: an apiKey named
// bursa_session in a cookie. The client keeps no cookie jar; the test takes
// the cookie from the login answer and adds it to the calls that need it.
func TestGeneratedClient(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		clk := srv.Clock
		ctx := t.Context()
		// A plain client: no jar, so only what the test sends is sent.
		c, err := apiclient.NewClientWithResponses(srv.URL, apiclient.WithHTTPClient(&http.Client{}))
		if err != nil {
			t.Fatal(err)
		}

		// Public calls need nothing.
		regions, err := c.ListRegionsWithResponse(ctx)
		if err != nil || regions.JSON200 == nil || len(regions.JSON200.Items) != 8 {
			t.Fatalf("listRegions: %v %s", err, body(regions))
		}
		cilegon := apiclient.RegionCodeN3672
		perPage := 5
		list, err := c.ListVacanciesWithResponse(ctx, &apiclient.ListVacanciesParams{Region: &cilegon, PerPage: &perPage})
		if err != nil || list.JSON200 == nil {
			t.Fatalf("listVacancies: %v %s", err, body(list))
		}
		page := list.JSON200
		if page.Total == 0 || len(page.Items) == 0 || len(page.Items) > perPage {
			t.Fatalf("listVacancies in Cilegon: total %d, %d items", page.Total, len(page.Items))
		}
		for _, v := range page.Items {
			if v.Region != cilegon || v.Status != apiclient.VacancyStatusPublished {
				t.Errorf("vacancy %d: region %s, status %s in a search of open vacancies in 3672", v.ID, v.Region, v.Status)
			}
		}
		first := page.Items[0]
		one, err := c.GetVacancyWithResponse(ctx, first.ID)
		if err != nil || one.JSON200 == nil {
			t.Fatalf("getVacancy %d: %v %s", first.ID, err, body(one))
		}
		if got := one.JSON200; got.ID != first.ID || got.Title != first.Title || got.ClosesOn != first.ClosesOn || got.EmployerID != first.EmployerID {
			t.Fatalf("getVacancy %d = %+v, listed as %+v", first.ID, got, first)
		}
		if missing, err := c.GetVacancyWithResponse(ctx, 1<<40); err != nil || missing.StatusCode() != 404 ||
			missing.ApplicationProblemJSON404 == nil || missing.ApplicationProblemJSON404.Status != 404 {
			t.Fatalf("getVacancy of none: %v %s", err, body(missing))
		}

		// Without the cookie, a call that needs it answers 401 as a problem.
		me, err := c.GetMeWithResponse(ctx)
		if err != nil || me.StatusCode() != 401 || me.ApplicationProblemJSON401 == nil || me.ApplicationProblemJSON401.Status != 401 {
			t.Fatalf("getMe without a session: %v %s", err, body(me))
		}

		// A wrong password is a field error; the right one answers the user
		// and sets the session cookie.
		wrong, err := c.LoginWithResponse(ctx, apiclient.LoginJSONRequestBody{Login: "perusahaan@bursa.test", Password: "salah"})
		if err != nil || wrong.ApplicationProblemJSON422 == nil || wrong.ApplicationProblemJSON422.Errors == nil ||
			(*wrong.ApplicationProblemJSON422.Errors)[0].Code != "login_wrong" {
			t.Fatalf("login with a wrong password: %v %s", err, body(wrong))
		}
		hr, hrSession := login(t, c, "perusahaan@bursa.test")
		if hr.Login != "perusahaan@bursa.test" || len(hr.Roles) == 0 {
			t.Fatalf("login answered %+v", hr)
		}
		me, err = c.GetMeWithResponse(ctx, hrSession)
		if err != nil || me.JSON200 == nil {
			t.Fatalf("getMe: %v %s", err, body(me))
		}
		if me.JSON200.ID != hr.ID || me.JSON200.Name != hr.Name {
			t.Fatalf("getMe = %+v, logged in as %+v", *me.JSON200, hr)
		}

		// The employer posts a vacancy with a typed body; anyone reads it.
		publish := true
		key := "forklift-ciwandan-1"
		newVacancy := apiclient.CreateVacancyJSONRequestBody{
			Title: "Operator Forklift", KBJI: "8344", Skills: &[]string{}, Education: "smk", Region: cilegon,
			Openings: 2, WageMin: 5500000, WageMax: 6000000, Contract: apiclient.ContractPkwt,
			ClosesOn:    openapi_types.Date{Time: clk.T.AddDate(0, 0, 20)},
			Description: "Mengoperasikan forklift di gudang Ciwandan.", Publish: &publish,
		}
		created, err := c.CreateVacancyWithResponse(ctx, &apiclient.CreateVacancyParams{IdempotencyKey: &key}, newVacancy, hrSession)
		if err != nil || created.JSON201 == nil {
			t.Fatalf("createVacancy: %v %s", err, body(created))
		}
		v := created.JSON201
		// The client timed out and retries with the same key: the same
		// vacancy comes back, and no second one is made.
		again, err := c.CreateVacancyWithResponse(ctx, &apiclient.CreateVacancyParams{IdempotencyKey: &key}, newVacancy, hrSession)
		if err != nil || again.JSON201 == nil || again.JSON201.ID != v.ID || again.HTTPResponse.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("createVacancy retried: %v %s", err, body(again))
		}
		if v.Status != apiclient.VacancyStatusPublished || v.Region != cilegon || v.Contract != apiclient.ContractPkwt {
			t.Fatalf("createVacancy answered %+v", v)
		}
		if got, err := c.GetVacancyWithResponse(ctx, v.ID); err != nil || got.JSON200 == nil || got.JSON200.Title != "Operator Forklift" {
			t.Fatalf("getVacancy of the new vacancy: %v %s", err, body(got))
		}

		// A job seeker applies and finds the application among theirs.
		_, seekerSession := login(t, c, "pencari@bursa.test")
		note := "Siap kerja shift."
		applied, err := c.ApplyToVacancyWithResponse(ctx, v.ID, nil, apiclient.ApplyToVacancyJSONRequestBody{Note: &note}, seekerSession)
		if err != nil || applied.JSON201 == nil || applied.JSON201.Status != apiclient.ApplicationStatusDikirim {
			t.Fatalf("applyToVacancy: %v %s", err, body(applied))
		}
		mine, err := c.ListMyApplicationsWithResponse(ctx, seekerSession)
		if err != nil || mine.JSON200 == nil {
			t.Fatalf("listMyApplications: %v %s", err, body(mine))
		}
		found := false
		for _, x := range mine.JSON200.Items {
			found = found || x.ID == applied.JSON201.ID && x.VacancyID == v.ID
		}
		if !found {
			t.Fatalf("application %d missing from listMyApplications", applied.JSON201.ID)
		}

		// Logging out ends the session the cookie names.
		if out, err := c.LogoutWithResponse(ctx, hrSession); err != nil || out.StatusCode() != 204 {
			t.Fatalf("logout: %v %s", err, body(out))
		}
		if me, err := c.GetMeWithResponse(ctx, hrSession); err != nil || me.StatusCode() != 401 {
			t.Fatalf("getMe after logout: %v %s", err, body(me))
		}
	})
}

// TestGeneratedClientDecodesStrictly reads each documented GET answer of the
// demo province through the generated client, as the user who may read it,
// and decodes it a second time into the generated type with unknown fields
// refused: a member the server sends but the document does not describe
// fails here, as does a value of the wrong type (the client's own decoding).
func TestGeneratedClientDecodesStrictly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		c, err := apiclient.NewClientWithResponses(srv.URL, apiclient.WithHTTPClient(&http.Client{}))
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		read := func(what string, res any, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			strictJSON200(t, what, res)
			seen[what]++
		}
		defer func() { t.Logf("answers read strictly: %v", seen) }()
		_, seeker := login(t, c, "pencari@bursa.test")
		_, hr := login(t, c, "perusahaan@bursa.test")
		_, petugas := login(t, c, "petugas@bursa.test")
		_, pengawas := login(t, c, "pengawas@bursa.test")
		_, lembaga := login(t, c, "lembaga@bursa.test")
		_, admin := login(t, c, "admin@bursa.test")

		regions, err := c.ListRegionsWithResponse(ctx)
		read("listRegions", regions, err)
		all := 100
		vacancies, err := c.ListVacanciesWithResponse(ctx, &apiclient.ListVacanciesParams{PerPage: &all})
		read("listVacancies", vacancies, err)
		var own *apiclient.Vacancy // one of perusahaan's
		for i, v := range vacancies.JSON200.Items {
			if v.Employer == "PT Baja Mandiri Cilegon" {
				own = &vacancies.JSON200.Items[i]
			}
		}
		if own == nil {
			t.Fatal("no vacancy of PT Baja Mandiri Cilegon in the demo")
		}
		vacancy, err := c.GetVacancyWithResponse(ctx, own.ID)
		read("getVacancy", vacancy, err)
		applicants, err := c.ListVacancyApplicantsWithResponse(ctx, own.ID, nil, hr)
		read("listVacancyApplicants", applicants, err)
		candidates, err := c.ListVacancyCandidatesWithResponse(ctx, own.ID, nil, hr)
		read("listVacancyCandidates", candidates, err)
		report, err := c.GetVacancyReportWithResponse(ctx, nil, hr)
		read("getVacancyReport", report, err)
		findings, err := c.ListEmployerFindingsWithResponse(ctx, own.EmployerID, hr)
		read("listEmployerFindings", findings, err)
		compliance, err := c.GetEmployerComplianceWithResponse(ctx, own.EmployerID)
		read("getEmployerCompliance", compliance, err)

		me, err := c.GetMeWithResponse(ctx, seeker)
		read("getMe", me, err)
		apps, err := c.ListMyApplicationsWithResponse(ctx, seeker)
		read("listMyApplications", apps, err)
		recs, err := c.ListMyRecommendationsWithResponse(ctx, nil, seeker)
		read("listMyRecommendations", recs, err)
		training, err := c.GetMyTrainingWithResponse(ctx, seeker)
		read("getMyTraining", training, err)
		complaints, err := c.ListMyComplaintsWithResponse(ctx, seeker)
		read("listMyComplaints", complaints, err)
		for _, x := range complaints.JSON200.Items {
			tracked, err := c.TrackComplaintWithResponse(ctx, x.Code, nil, seeker)
			read("trackComplaint", tracked, err)
		}

		gaps, err := c.ListSkillGapsWithResponse(ctx, nil, petugas)
		read("listSkillGaps", gaps, err)
		outcomes, err := c.ListRegionTrainingOutcomesWithResponse(ctx, petugas)
		read("listRegionTrainingOutcomes", outcomes, err)

		programs, err := c.ListTrainingProgramsWithResponse(ctx, nil, seeker)
		read("listTrainingPrograms", programs, err)
		providers, err := c.ListTrainingProvidersWithResponse(ctx, lembaga)
		read("listTrainingProviders", providers, err)
		for _, p := range providers.JSON200.Items {
			if p.Staff {
				o, err := c.GetTrainingProviderOutcomesWithResponse(ctx, p.ID, lembaga)
				read("getTrainingProviderOutcomes", o, err)
			}
		}
		for _, p := range programs.JSON200.Items {
			program, err := c.GetTrainingProgramWithResponse(ctx, p.ID, seeker)
			read("getTrainingProgram", program, err)
			if p.RoundID != nil {
				round, err := c.GetTrainingRoundWithResponse(ctx, *p.RoundID)
				read("getTrainingRound", round, err)
			}
			if roster, err := c.GetTrainingRosterWithResponse(ctx, p.ID, lembaga); err == nil && roster.StatusCode() == 200 {
				read("getTrainingRoster", roster, err)
			}
		}
		appeals, err := c.ListTrainingAppealsWithResponse(ctx, nil, lembaga)
		read("listTrainingAppeals", appeals, err)

		cases, err := c.ListCasesWithResponse(ctx, nil, pengawas)
		read("listCases", cases, err)
		if len(cases.JSON200.Items) == 0 {
			t.Fatal("the demo inspector sees no case")
		}
		for _, k := range cases.JSON200.Items[:min(3, len(cases.JSON200.Items))] {
			detail, err := c.GetCaseWithResponse(ctx, k.ID, pengawas)
			read("getCase", detail, err)
			for _, cid := range detail.JSON200.Complaints {
				opened, err := c.OpenCaseComplaintWithResponse(ctx, k.ID, int(cid), pengawas)
				read("openCaseComplaint", opened, err)
			}
		}
		calendar, err := c.GetCalendarWithResponse(ctx, nil, pengawas)
		read("getCalendar", calendar, err)
		officers, err := c.ListOfficersWithResponse(ctx, nil, admin)
		read("listOfficers", officers, err)

		stats, err := c.GetComplaintStatsWithResponse(ctx)
		read("getComplaintStats", stats, err)
		aspirations, err := c.ListAspirationsWithResponse(ctx, nil)
		read("listAspirations", aspirations, err)
		for _, x := range aspirations.JSON200.Items {
			one, err := c.GetAspirationWithResponse(ctx, x.ID)
			read("getAspiration", one, err)
		}
	})
}

// strictJSON200 checks that res (a generated *XResponse) is a 200 the
// client decoded, and decodes its body again into the same type refusing
// members the type does not know.
func strictJSON200(t *testing.T, what string, res any) {
	t.Helper()
	v := reflect.ValueOf(res).Elem()
	if code := v.FieldByName("HTTPResponse").Interface().(*http.Response).StatusCode; code != 200 {
		t.Fatalf("%s: %s", what, body(res))
	}
	typed := v.FieldByName("JSON200")
	if typed.IsNil() {
		t.Fatalf("%s: the client decoded no JSON200: %s", what, body(res))
	}
	dec := json.NewDecoder(bytes.NewReader(v.FieldByName("Body").Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(reflect.New(typed.Type().Elem()).Interface()); err != nil {
		t.Errorf("%s: the answer does not match the document: %v", what, err)
	}
}

// login logs in as a demo account and returns the user with a request
// editor that sends the session cookie, as the security scheme names it.
func login(t *testing.T, c *apiclient.ClientWithResponses, who string) (apiclient.User, apiclient.RequestEditorFn) {
	t.Helper()
	res, err := c.LoginWithResponse(t.Context(), apiclient.LoginJSONRequestBody{Login: who, Password: "bursa-demo"})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("login %s: %v %s", who, err, body(res))
	}
	for _, k := range res.HTTPResponse.Cookies() {
		if k.Name == app.SessionCookie && k.Value != "" {
			return *res.JSON200, func(_ context.Context, req *http.Request) error {
				req.AddCookie(&http.Cookie{Name: k.Name, Value: k.Value})
				return nil
			}
		}
	}
	t.Fatalf("login %s set no %s cookie", who, app.SessionCookie)
	return apiclient.User{}, nil
}

// body shows a generated client's answer in a failure message: its status
// and raw body.
func body(r any) string {
	v := reflect.ValueOf(r)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return "(no answer)"
	}
	res := v.Elem().FieldByName("HTTPResponse").Interface().(*http.Response)
	return fmt.Sprintf("%s %s", res.Status, v.Elem().FieldByName("Body").Bytes())
}
