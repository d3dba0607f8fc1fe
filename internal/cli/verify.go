package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// verifyCmd checks the transparency log: over HTTP as anyone can (--url),
// or offline from the database (--db). It exits 0 only when everything
// holds, and otherwise names the first record that does not.
func verifyCmd(ctx context.Context, args []string, env Env) error {
	fs := newFlags("verify", env)
	base := fs.String("url", "", "the site (https://…) or its /ledger address")
	key := fs.String("key", "", "the log's verifier key (note format); default: the key seen on the first check")
	receipt := fs.String("receipt", "", "a receipt (JSON) whose inclusion to check")
	state := fs.String("state", "", "where to remember the last checkpoint (default in the user's config folder)")
	dsn := fs.String("db", "", "verify offline from this database (SQLite file or postgres:// URL)")
	dataDir := fs.String("data", env.Getenv("BURSA_DATA"), "with --db: folder holding ledger.key (the checkpoints' signatures) and ledger.checkpoint (the last one signed)")
	var witnesses keyList
	fs.Var(&witnesses, "witness", "with --url: a witness's verifier key; the served tree must extend a checkpoint it cosigned (repeat for several)")
	maxAge := fs.Duration("witness-max-age", 24*time.Hour, "with --witness: how old the newest usable cosignature may be")
	if err := parse(fs, args); err != nil {
		return err
	}
	if (*base == "") == (*dsn == "") {
		fmt.Fprintln(env.Stderr, "bursa verify: give --url BASE or --db DSN")
		return errUsage
	}
	if len(witnesses) > 0 && *dsn != "" {
		fmt.Fprintln(env.Stderr, "bursa verify: --witness checks a served log; give it with --url")
		return errUsage
	}
	if *dsn != "" {
		d, err := db.Open(ctx, *dsn)
		if err != nil {
			return err
		}
		defer d.Close()
		vkey := *key
		if vkey == "" && *dataDir != "" {
			if b, err := os.ReadFile(filepath.Join(*dataDir, "ledger.key")); err == nil {
				if f := strings.Fields(string(b)); len(f) == 2 {
					vkey = f[1]
				}
			}
		}
		rep, err := ledger.VerifyDBReport(ctx, d, vkey)
		if err != nil {
			return fmt.Errorf("the log does not verify: %w", err)
		}
		t := rep.Tree
		fmt.Fprintf(env.Stdout, "ok: %d records, root %s, every stored hash recomputed", t.N, t.Hash)
		if vkey != "" {
			fmt.Fprintf(env.Stdout, ", every checkpoint's signature and root checked (%d), origin %s", rep.Checkpoints, rep.Origin)
		}
		fmt.Fprintln(env.Stdout)
		for _, n := range rep.Notices {
			printNotice(env, n)
		}
		// The database must also hold what the log signed: the checkpoint
		// kept beside the key, and any the log froze on.
		if vkey != "" && *dataDir != "" {
			if b, err := os.ReadFile(filepath.Join(*dataDir, checkpointFile)); err == nil {
				why, frozen, err := ledger.Behind(ctx, d, vkey, b)
				if err != nil {
					return fmt.Errorf("%s: %w", filepath.Join(*dataDir, checkpointFile), err)
				}
				if why != "" {
					return fmt.Errorf("the log does not verify against its last signed checkpoint (%s): %s", filepath.Join(*dataDir, checkpointFile), why)
				}
				if frozen != "" {
					return fmt.Errorf("the log is frozen: %s", frozen)
				}
				fmt.Fprintf(env.Stdout, "ok: the database holds the last checkpoint signed (%s)\n", filepath.Join(*dataDir, checkpointFile))
			}
		}
		return nil
	}
	c := &ledger.Client{Base: ledgerBase(*base), HTTP: ledger.NewHTTPClient()}
	path := *state
	if path == "" {
		path = ledger.StatePath(c.Base)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return err
		}
	}
	st, err := ledger.LoadState(path)
	if err != nil {
		return fmt.Errorf("state %s: %w", path, err)
	}
	rep, err := ledger.VerifyRemote(ctx, c, *key, &st, true)
	if err != nil {
		return fmt.Errorf("the log does not verify: %w", err)
	}
	if *receipt != "" {
		b, err := os.ReadFile(*receipt)
		if err != nil {
			return err
		}
		var p ledger.Proof
		if err := json.Unmarshal(b, &p); err != nil {
			return fmt.Errorf("receipt %s: %w", *receipt, err)
		}
		if err := ledger.CheckReceipt(ctx, c, st.Key, rep, p); err != nil {
			return fmt.Errorf("receipt: %w", err)
		}
		fmt.Fprintf(env.Stdout, "receipt ok: record %d is in the log\n", p.N)
	}
	var seen []ledger.Witnessed
	if len(witnesses) > 0 {
		if seen, err = ledger.CheckWitnesses(ctx, c, st.Key, rep, witnesses, time.Now(), *maxAge); err != nil {
			return fmt.Errorf("the log does not verify: %w", err)
		}
	}
	if err := ledger.SaveState(path, st); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "ok: %s, %d records (all checked against the signed tree), root %s", rep.Origin, rep.Size, rep.Root)
	if rep.Previous > 0 && len(rep.Notices) == 0 {
		fmt.Fprintf(env.Stdout, ", consistent with the %d seen before", rep.Previous)
	}
	for _, w := range seen {
		fmt.Fprintf(env.Stdout, ", extends the %d records witness %s cosigned", w.Size, w.Witness)
	}
	fmt.Fprintln(env.Stdout)
	for _, n := range rep.Notices {
		printNotice(env, n)
	}
	if rep.LostSeen[1] > 0 {
		fmt.Fprintf(env.Stdout, "records %d–%d, which this verifier saw before, are among those lost\n", rep.LostSeen[0], rep.LostSeen[1]-1)
	}
	return nil
}

// printNotice says in plain words what a loss notice announced.
func printNotice(env Env, n ledger.Notice) {
	fmt.Fprintf(env.Stdout, "loss announced %s: %s are gone (%q); the log continues as %s from record %d, the signed notice\n",
		n.At.UTC().Format(time.RFC3339), n.LostRange(), n.Reason, n.Next, n.Kept.N)
}

// keyList collects a repeated flag's values.
type keyList []string

func (k *keyList) String() string { return strings.Join(*k, ",") }

func (k *keyList) Set(s string) error {
	*k = append(*k, s)
	return nil
}

// ledgerBase accepts the site's address or its /ledger address.
func ledgerBase(u string) string {
	u = strings.TrimSuffix(u, "/")
	if !strings.HasSuffix(u, "/ledger") {
		u += "/ledger"
	}
	return u
}

// witnessCmd cosigns the log's checkpoint after checking it is consistent
// with the last one this witness saw.
func witnessCmd(ctx context.Context, args []string, env Env) error {
	fs := newFlags("witness", env)
	base := fs.String("log", "", "the log's site or /ledger address")
	keyFile := fs.String("key", "", "the witness's key file (made on first run; the second line is its public key)")
	name := fs.String("name", "witness.bursa.local", "the witness's name, for a new key")
	logKey := fs.String("log-key", "", "the log's verifier key; default: as first seen")
	state := fs.String("state", "", "where to remember the last checkpoint")
	every := fs.Duration("every", 0, "cosign again at this interval until stopped (a service); 0: once")
	listen := fs.String("listen", "", "with --every: serve the last cosigned checkpoint at http://ADDR/checkpoint, for the log to ask at its start (BURSA_LEDGER_WITNESS_URLS)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *base == "" || *keyFile == "" {
		fmt.Fprintln(env.Stderr, "bursa witness: give --log BASE and --key FILE")
		return errUsage
	}
	signer, vkey, err := ledger.LoadCosigner(*keyFile, *name)
	if err != nil {
		return err
	}
	c := &ledger.Client{Base: ledgerBase(*base), HTTP: ledger.NewHTTPClient()}
	path := *state
	if path == "" {
		path = *keyFile + ".state.json"
	}
	once := func() error {
		st, err := ledger.LoadState(path)
		if err != nil {
			return err
		}
		rep, err := ledger.Witness(ctx, c, *logKey, signer, &st, false)
		if err != nil {
			return fmt.Errorf("not cosigned: %w", err)
		}
		if err := ledger.SaveState(path, st); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "cosigned %s at %d records as %s\n", rep.Origin, rep.Size, strings.SplitN(vkey, "+", 2)[0])
		for _, n := range rep.Notices {
			printNotice(env, n)
		}
		return nil
	}
	if *every <= 0 {
		return once()
	}
	if *listen != "" {
		ln, err := net.Listen("tcp", *listen)
		if err != nil {
			return fmt.Errorf("witness --listen: %w", err)
		}
		srv := &http.Server{Handler: ledger.WitnessHandler(func() (ledger.State, error) { return ledger.LoadState(path) }),
			ReadHeaderTimeout: 5 * time.Second}
		go srv.Serve(ln)
		defer srv.Close()
		fmt.Fprintf(env.Stdout, "serving the last cosigned checkpoint at http://%s%s\n", ln.Addr(), ledger.WitnessPath)
	}
	// As a service: a failed round is reported and tried again; only a
	// refusal to go back on what it cosigned matters, and that is what
	// the log's operator and verifiers see when no fresh cosignature comes.
	for {
		if err := once(); err != nil {
			fmt.Fprintln(env.Stderr, "bursa witness:", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(*every):
		}
	}
}
