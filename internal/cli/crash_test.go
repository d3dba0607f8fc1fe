package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/demo"
)

// TestMain lets a test run this test binary as the bursa command: with
// BURSA_TEST_MAIN=1 it runs the command line it was given, as
// cmd/bursa/main.go does, and exits. The crash test starts real `bursa
// serve` processes this way, without building a binary.
func TestMain(m *testing.M) {
	if os.Getenv("BURSA_TEST_MAIN") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := Run(ctx, os.Args[1:], OSEnv())
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// server is a `bursa serve` process started by a test.
type server struct {
	cmd    *exec.Cmd
	url    string
	stderr *bytes.Buffer
	done   chan struct{}
}

var readyLine = regexp.MustCompile(`ready: (http://127\.0\.0\.1:\d+)`)

// startServe starts `bursa serve` on 127.0.0.1 with args and waits until
// it says it is ready.
func startServe(t *testing.T, args ...string) *server {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "BURSA_TEST_MAIN=1", "BURSA_DB=", "BURSA_DATA=")
	s := &server{cmd: cmd, stderr: &bytes.Buffer{}, done: make(chan struct{})}
	var mu sync.Mutex
	cmd.Stderr = lockedWriter{&mu, s.stderr}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.cmd.Process.Kill(); <-s.done })
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := readyLine.FindStringSubmatch(sc.Text()); m != nil {
				ready <- m[1]
			}
		}
		io.Copy(io.Discard, out)
		cmd.Wait()
		close(s.done)
	}()
	select {
	case s.url = <-ready:
	case <-s.done:
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("bursa serve exited: %s", s.stderr)
	case <-time.After(60 * time.Second):
		t.Fatal("bursa serve did not start in 60 s")
	}
	return s
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestCrashKeepsAcknowledgedWrites: a real `bursa serve` on SQLite takes
// concurrent vacancy postings through the API and is killed (SIGKILL) in
// the middle of them. Restarted on the same files, it still has every
// posting it had answered 201 and each one's log record, `bursa verify
// --db` passes, it is not read-only (the checkpoint file is never ahead of
// what the database committed), and it takes writes again.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	dir := t.TempDir()
	dbPath, dataDir := filepath.Join(dir, "bursa.db"), filepath.Join(dir, "data")
	env := map[string]string{"BURSA_DB": dbPath, "BURSA_DATA": dataDir}
	// A small demo province, its password hashed at a test's cost (the
	// hash carries its parameters, so the server checks it as cheaply).
	s := &install{t: t, dialect: db.SQLite, dir: dir, env: env}
	a := s.open()
	if err := demo.Generate(context.Background(), a, demo.Config{Seed: 1, Seekers: 30, Employers: 5}); err != nil {
		t.Fatal(err)
	}
	a.DB.Close()
	srv := startServe(t, "--db", dbPath, "--data", dataDir, "--demo")

	// Writers: four at once in the demo employer's session post vacancies
	// until the server dies; a posting counts once its 201 has been read.
	c := apptest.NewClient()
	if code := postJSON(t, c, srv.url+"/api/v1/session", map[string]string{"login": "perusahaan@bursa.test", "password": "bursa-demo"}, nil); code != 200 {
		t.Fatalf("login: %d", code)
	}
	var mu sync.Mutex
	var acked []int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var v struct{ ID int64 }
				code := postJSON(t, c, srv.url+"/api/v1/vacancies", newVacancy(time.Now(), fmt.Sprintf("Juru las %d-%d", w, i)), &v)
				if code == 0 {
					return // the server is gone
				}
				if code == 201 {
					mu.Lock()
					acked = append(acked, v.ID)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-srv.done
	close(stop)
	wg.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d postings acknowledged before the kill: %s", len(acked), srv.stderr)
	}

	srv = startServe(t, "--db", dbPath, "--data", dataDir, "--demo")
	for _, id := range acked {
		resp, err := c.Get(fmt.Sprintf("%s/api/v1/vacancies/%d", srv.url, id))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("acknowledged vacancy %d after the crash: %d", id, resp.StatusCode)
		}
	}
	d, err := db.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	logged := map[int64]bool{}
	rows, err := d.QueryContext(context.Background(), `SELECT data FROM ledger_records WHERE kind = 'vacancy.published'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var b []byte
		var r struct {
			VacancyID int64 `json:"vacancy_id"`
		}
		if err := rows.Scan(&b); err != nil || json.Unmarshal(b, &r) != nil {
			t.Fatalf("record: %v %s", err, b)
		}
		logged[r.VacancyID] = true
	}
	rows.Close()
	for _, id := range acked {
		if !logged[id] {
			t.Fatalf("acknowledged vacancy %d has no log record after the crash", id)
		}
	}
	if code, out, errs := run(t, env, "verify", "--db", dbPath, "--data", dataDir); code != 0 {
		t.Fatalf("verify --db after the crash: %q %q", out, errs)
	}
	resp, err := c.Get(srv.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "ok\n" {
		t.Fatalf("healthz after the crash: %q", body)
	}
	// The session survived too (sessions live in the database).
	if code := postJSON(t, c, srv.url+"/api/v1/vacancies", newVacancy(time.Now(), "Setelah crash"), nil); code != 201 {
		t.Fatalf("write after the crash: %d", code)
	}
	t.Logf("%d postings acknowledged before SIGKILL, all kept with their records", len(acked))
	srv.cmd.Process.Signal(syscall.SIGTERM)
	<-srv.done
}

// postJSON posts v and decodes a 2xx answer into out; 0 means no answer.
func postJSON(t *testing.T, c *http.Client, u string, v, out any) int {
	b, _ := json.Marshal(v)
	resp, err := c.Post(u, "application/json", bytes.NewReader(b))
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0
	}
	if out != nil && resp.StatusCode/100 == 2 && json.Unmarshal(body, out) != nil {
		return 0
	}
	return resp.StatusCode
}
