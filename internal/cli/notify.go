package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/notify/mail"
	"github.com/bursa-banten/bursa/internal/notify/sms"
	"github.com/bursa-banten/bursa/internal/notify/whatsapp"
)

// notifyFlags are serve's settings for the channels outside the app; see
// docs/notifications.md.
type notifyFlags struct {
	smtp, mailFrom          string
	waToken, waPhone, waURL string
	smsURL, smsToken        string
	parallel, batch         int
}

func (n *notifyFlags) register(fs *flag.FlagSet, env Env) {
	fs.StringVar(&n.smtp, "smtp", env.Getenv("BURSA_SMTP_URL"),
		"SMTP server for email: smtp://user:pass@host:587 (STARTTLS required), smtps://user:pass@host:465, or smtp://host:25?starttls=off for a local relay; email off when empty (env BURSA_SMTP_URL)")
	fs.StringVar(&n.mailFrom, "mail-from", env.Getenv("BURSA_MAIL_FROM"),
		`sender of email, e.g. "bursa <kabar@bursa.example.id>" (env BURSA_MAIL_FROM)`)
	fs.StringVar(&n.waToken, "whatsapp-token", env.Getenv("BURSA_WHATSAPP_TOKEN"),
		"WhatsApp Business Cloud API access token; WhatsApp off when empty (env BURSA_WHATSAPP_TOKEN)")
	fs.StringVar(&n.waPhone, "whatsapp-phone-id", env.Getenv("BURSA_WHATSAPP_PHONE_ID"),
		"WhatsApp Business phone number id (env BURSA_WHATSAPP_PHONE_ID)")
	waURL := env.Getenv("BURSA_WHATSAPP_URL")
	if waURL == "" {
		waURL = whatsapp.DefaultURL
	}
	fs.StringVar(&n.waURL, "whatsapp-url", waURL, "WhatsApp Cloud API base URL with version (env BURSA_WHATSAPP_URL)")
	fs.StringVar(&n.smsURL, "sms-url", env.Getenv("BURSA_SMS_URL"),
		"SMS gateway webhook (JSON, see docs/notifications.md); SMS off when empty (env BURSA_SMS_URL)")
	fs.StringVar(&n.smsToken, "sms-token", env.Getenv("BURSA_SMS_TOKEN"), "bearer token for the SMS gateway (env BURSA_SMS_TOKEN)")
	fs.IntVar(&n.parallel, "outbox-parallel", 16, "messages the outbox worker hands to gateways at once")
	fs.IntVar(&n.batch, "outbox-batch", 200, "messages the outbox worker claims at once")
}

// senders builds a sender for every configured channel; close ends their
// connections.
func (n *notifyFlags) senders(a *app.Services, log *slog.Logger) (map[notify.Channel]notify.Sender, func(), error) {
	out := map[notify.Channel]notify.Sender{}
	closeAll := func() {}
	if n.smtp != "" {
		from := n.mailFrom
		if from == "" {
			from = "bursa <kabar@localhost>"
			log.Warn("no --mail-from: email goes out as " + from)
		}
		m, err := mail.New(mail.Config{URL: n.smtp, From: from, Catalog: a.Catalog, Conns: max(n.parallel, 1), Log: log})
		if err != nil {
			return nil, nil, err
		}
		out[notify.Email] = m
		closeAll = func() { m.Close() }
	}
	if n.waToken != "" || n.waPhone != "" {
		w, err := whatsapp.New(whatsapp.Config{URL: n.waURL, PhoneID: n.waPhone, Token: n.waToken})
		if err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("--whatsapp-token/--whatsapp-phone-id: %w", err)
		}
		out[notify.WhatsApp] = w
	}
	if n.smsURL != "" {
		s, err := sms.New(sms.Config{URL: n.smsURL, Token: n.smsToken})
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		out[notify.SMS] = s
	}
	return out, closeAll, nil
}

// prepare builds the configured gateways and tells the notify store which
// channels have one, so that nothing is queued for a channel without a
// gateway, not even by the demo generator that runs before the listener.
// It says in the log which channels are on. close ends the gateways'
// connections.
func (n *notifyFlags) prepare(a *app.Services, log *slog.Logger) (senders map[notify.Channel]notify.Sender, close func(), err error) {
	senders, closeAll, err := n.senders(a, log)
	if err != nil {
		return nil, nil, err
	}
	a.Notify.Enabled = map[notify.Channel]bool{}
	var on []string
	for _, c := range notify.Channels {
		if senders[c] != nil {
			a.Notify.Enabled[c] = true
			on = append(on, string(c))
		}
	}
	if len(on) == 0 {
		log.Warn("notifications: no gateway configured (--smtp, --whatsapp-token, --sms-url): messages go to the in-app inbox only")
	} else {
		attrs := []any{"channels", strings.Join(on, ",")}
		if n.smtp != "" {
			attrs = append(attrs, "smtp", mail.Redact(n.smtp))
		}
		log.Info("notifications: inbox and "+strings.Join(on, ", "), attrs...)
	}
	return senders, closeAll, nil
}

// run makes links in messages absolute under baseURL and runs the outbox
// worker until ctx ends.
func (n *notifyFlags) run(ctx context.Context, a *app.Services, log *slog.Logger, baseURL string, senders map[notify.Channel]notify.Sender) {
	a.Notify.BaseURL = baseURL
	w := &notify.Worker{Store: a.Notify, Senders: senders, Log: log, Parallel: n.parallel, Batch: n.batch}
	// The worker also runs with no gateway: it finishes messages queued
	// while one was configured (each then fails as "no gateway" and waits
	// in the dead letters for the admin).
	go w.Run(ctx)
}
