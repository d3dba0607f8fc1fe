package notify

import (
	"context"
	"errors"
)

// Message is one outbox row handed to a channel.
type Message struct {
	// ID is the outbox row's id: stable across retries, so a gateway that
	// deduplicates can use it (bursa-<ID>).
	ID      int64
	Channel Channel
	Kind    Kind
	// To is an email address or a phone number in E.164 (+62…).
	To   string
	Lang string
	// Subject is the notice's title; Text its body.
	Subject string
	Text    string
	// URL is the absolute link the notice leads to ("" for none).
	URL string
	// Code is a one-time code (verification, reset), for channels that
	// carry it apart from the text (a WhatsApp authentication template).
	Code string
	// Unsubscribe is an absolute one-click unsubscribe URL (RFC 8058) for
	// notices a person can turn off; empty for account messages.
	Unsubscribe string
}

// Sender delivers messages on one channel. Send must be safe for concurrent
// use. An error is retried later unless it is Permanent.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SenderFunc adapts a function to Sender.
type SenderFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }

type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent marks err as one no retry can fix (an address the gateway
// refuses, a template it does not know): the message goes to the dead
// letters at once.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}
