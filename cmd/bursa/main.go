// Command bursa runs the Banten job exchange: web server, migrations, demo
// data, user administration and benchmarks. See `bursa help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/bursa-banten/bursa/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
