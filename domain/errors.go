package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so that callers can say the right thing.
type Code string

// Error codes, in the style of benbjohnson/wtf.
const (
	EINVALID  Code = "invalid"  // the input breaks a rule; the user can fix it
	ENOTFOUND Code = "notfound" // a referenced record does not exist
	ECONFLICT Code = "conflict" // the input clashes with stored data
	EINTERNAL Code = "internal" // a fault of the program or the machine
)

// Error is an error a user can act on: a code, the field it concerns (as the
// user reads it) and a Vietnamese message.
type Error struct {
	Code    Code
	Field   string
	Message string
	Err     error // the cause, for errors.Is and errors.As; not shown
	// Text is what Message was made from, so that the window can say it in
	// the language it speaks (Message is Vietnamese).
	Text Text
}

// Text is a message for users: a format and its arguments. The formats are
// Vietnamese; a translation of a format (keyed by it) says it in another
// language with the same arguments.
type Text struct {
	Format string
	Args   []any
}

// String is the text in Vietnamese.
func (t Text) String() string { return fmt.Sprintf(t.Format, t.Args...) }

// Textf makes a Text, for a phrase that goes into a message.
func Textf(format string, args ...any) Text { return Text{format, args} }

// JoinText joins parts (strings, Texts, numbers) with sep into one Text.
func JoinText(sep string, parts []any) Text {
	return Text{strings.TrimSuffix(strings.Repeat("%s"+sep, len(parts)), sep), parts}
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// Said is the error's message as a message part (its Text, else the
// message itself).
func (e *Error) Said() Text {
	if e.Text.Format != "" {
		return e.Text
	}
	return Textf("%s", e.Message)
}

// Errorf returns an *Error with a formatted message.
func Errorf(code Code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...), Text: Text{format, args}}
}

// Because returns an *Error with a formatted message whose cause is err:
// errors.Is and errors.As see the cause, the user reads only the message.
func Because(err error, code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err, Text: Text{format, args}}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var es Errors
	if errors.As(err, &es) && len(es) > 0 {
		return es[0].Code
	}
	return EINTERNAL
}

// Errors is a list of user errors, all reported together.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Err returns es as an error, or nil when it is empty.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

func (es *Errors) add(field, format string, args ...any) {
	*es = append(*es, Errorf(EINVALID, field, format, args...))
}
