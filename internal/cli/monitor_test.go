package cli

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// TestMonitorCommand: `bursa monitor --url` exits 0 on the demo log and
// prints the rules and the records read; after a planted placement with no
// application it exits 1 naming the rule and the record, and goes on
// saying so on later runs (the finding is in its state).
func TestMonitorCommand(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		a, _ := apptest.Services(t, d)
		apptest.Demo(t, a)
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		h, err := Handler(a)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		defer srv.Close()
		size, _ := ledger.Size(ctx, d)
		state := filepath.Join(t.TempDir(), "monitor.json")
		code, out, errs := run(t, nil, "monitor", "--url", srv.URL, "--state", state)
		if code != 0 || !strings.Contains(out, "ok: every rule holds") || !strings.Contains(out, "round-seats") ||
			!strings.Contains(out, "records, "+itoa(size)+" read now") {
			t.Fatalf("monitor on the demo log: %d %q %q", code, out, errs)
		}
		var n int64
		err = d.InTx(ctx, func(tx *db.Tx) error {
			n, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.PlacementReported, At: a.Now().Add(24 * time.Hour),
				Fields: map[string]any{"vacancy_id": 1, "employer_id": 1, "application": strings.Repeat("ab", 32)}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.Ledger.Checkpoint(ctx); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			code, out, errs = run(t, nil, "monitor", "--url", srv.URL, "--state", state)
			if code != 1 || !strings.Contains(out, "BROKEN placement-follows-application: records ["+itoa(n)+"]") ||
				!strings.Contains(errs, "incomplete") {
				t.Fatalf("monitor after a planted placement: %d %q %q", code, out, errs)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestDemoWitnessAndMonitor: the witness and the monitor that `serve
// --demo` starts cosign and check the log over HTTP, and the cosignature
// shows on /ledger/cosignatures under the demo witness's name.
func TestDemoWitnessAndMonitor(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, _ := apptest.Services(t, d)
	a.Now = time.Now
	err := d.InTx(ctx, func(tx *db.Tx) error {
		_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.VacancyPublished, At: time.Now(), Fields: map[string]any{"vacancy_id": 1}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ledger.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	signer, err := demoWitness(t.TempDir(), a)
	if err != nil {
		t.Fatal(err)
	}
	h, err := Handler(a)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	log := slog.New(slog.DiscardHandler)
	go runWitness(ctx, srv.URL, signer, a.Ledger.VerifierKey, time.Hour, log)
	go runMonitor(ctx, a, srv.URL, time.Hour, log)
	deadline := time.Now().Add(20 * time.Second)
	for {
		cs, err := a.Ledger.Cosignatures(ctx, 5)
		st, _ := a.Monitor.State(ctx)
		if err == nil && len(cs) == 1 && cs[0].Witness == demoWitnessName && st.Checked && st.Size == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no cosignature or monitor run: %v %v %+v", cs, err, st)
		}
		time.Sleep(200 * time.Millisecond)
	}
	resp, err := srv.Client().Get(srv.URL + "/ledger/cosignatures")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `"witness": "`+demoWitnessName+`"`) {
		t.Fatalf("/ledger/cosignatures: %s", b)
	}
}

// TestWitnessUnit: the packaged systemd unit runs the witness with flags
// it has, as a dynamic user confined to its state folder.
func TestWitnessUnit(t *testing.T) {
	b, err := os.ReadFile("../../deploy/bursa-witness.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(b)
	for _, want := range []string{"DynamicUser=yes", "StateDirectory=bursa-witness", "NoNewPrivileges=yes", "ProtectSystem=strict",
		"PrivateTmp=yes", "CapabilityBoundingSet=\n"} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit lacks %q", want)
		}
	}
	_, _, help := run(t, nil, "witness", "-h")
	exec := unit[strings.Index(unit, "ExecStart="):]
	exec = exec[:strings.Index(exec, "\nRestart")]
	for _, f := range regexp.MustCompile(`--([a-z-]+)`).FindAllStringSubmatch(exec, -1) {
		if !strings.Contains(help, "-"+f[1]+" ") {
			t.Errorf("ExecStart passes --%s, which bursa witness does not take:\n%s", f[1], help)
		}
	}
}

// TestWitnessListens: `bursa witness --every --listen` serves the last
// checkpoint it cosigned, which a log asks for at start
// (BURSA_LEDGER_WITNESS_URLS, ledger.AskWitnesses).
func TestWitnessListens(t *testing.T) {
	d := dbtest.SQLite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, _ := apptest.Services(t, d)
	if err := d.InTx(ctx, func(tx *db.Tx) error {
		_, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.VacancyPublished, At: time.Now(), Fields: map[string]any{"vacancy_id": 1}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ledger.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	h, err := Handler(a)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	// The log accepts this witness's cosignatures.
	_, wv, err := ledger.LoadCosigner(filepath.Join(dir, "w.key"), "saksi.test")
	if err != nil {
		t.Fatal(err)
	}
	a.Ledger.Witnesses = []string{wv}
	env := Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	go witnessCmd(ctx, []string{"--log", srv.URL, "--key", filepath.Join(dir, "w.key"), "--name", "saksi.test", "--every", "1h", "--listen", addr}, env)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + ledger.WitnessPath)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				asked, skipped, err := a.Ledger.AskWitnesses(ctx, http.DefaultClient, []string{"http://" + addr})
				if err != nil || asked != 1 || len(skipped) != 0 || !strings.Contains(string(b), "\n1\n") {
					t.Fatalf("asked %d skipped %v err %v; served:\n%s", asked, skipped, err, b)
				}
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the witness serves no checkpoint: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
