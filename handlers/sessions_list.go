package handlers

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"time"

	"github.com/labstack/echo/v4"

	"patchdesk/api"
	"patchdesk/views"
)

// SessionsList shows the signed-in user's active patchdesk sessions, so they can spot
// one they do not recognise and end it.
func (h *Handler) SessionsList(c echo.Context) error {
	return h.renderSessions(c, http.StatusOK, "", h.sessions.PopString(c.Request().Context(),
		keyFlash))
}

func (h *Handler) renderSessions(c echo.Context, status int, errText, notice string) error {
	ctx := c.Request().Context()
	list, err := h.userSessions(ctx)
	if err != nil {
		return err
	}
	page := views.SessionsPage{Sessions: list, Error: errText, Notice: notice}
	return h.render(c, status, views.SessionsShow(h.shell(c, "Sessions", "sessions"), page))
}

// userSessions lists the sessions that signed in with the same PMP account as this one,
// newest first.
func (h *Handler) userSessions(ctx context.Context) ([]views.SessionRow, error) {
	now := h.now()
	var rows []views.SessionRow
	var signedIn []time.Time
	err := h.eachAccountSession(ctx, func(other context.Context, current bool) error {
		if h.sessions.GetString(other, keyToken) == "" {
			return nil
		}
		at := h.sessions.GetTime(other, keySignedIn)
		rows = append(rows, views.SessionRow{
			Ref:       h.sessions.GetString(other, keySessionRef),
			SignedIn:  timeCell(api.Time{Time: at}, now, "unknown").Text,
			Client:    h.sessions.GetString(other, keyClient),
			UserAgent: h.sessions.GetString(other, keyUserAgent),
			Current:   current,
		})
		signedIn = append(signedIn, at)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Sort(byNewest{rows, signedIn})
	return rows, nil
}

type byNewest struct {
	rows []views.SessionRow
	at   []time.Time
}

func (b byNewest) Len() int           { return len(b.rows) }
func (b byNewest) Less(i, j int) bool { return b.at[i].After(b.at[j]) }
func (b byNewest) Swap(i, j int) {
	b.rows[i], b.rows[j] = b.rows[j], b.rows[i]
	b.at[i], b.at[j] = b.at[j], b.at[i]
}

// SessionsEnd ends one other session of the user, or all others, once the user has
// entered their PMP password again, so a stolen session cannot end the owner's.
func (h *Handler) SessionsEnd(c echo.Context) error {
	r := c.Request()
	if err := parseForm(r); err != nil {
		return err
	}
	// The password is read from the body only, so it never sits in a URL or a log.
	ctx := r.Context()
	target := r.PostFormValue("session")
	password := r.PostFormValue("password")
	if target == "" || password == "" || len(password) > 1024 {
		return h.renderSessions(c, http.StatusBadRequest,
			"Choose the sessions to end and enter your password.", "")
	}
	if confirmed, err := h.confirmPassword(c, password); !confirmed {
		return err
	}
	ended, err := h.endSessions(ctx, target)
	if err != nil {
		return err
	}
	h.log.Info("Sessions ended", "user", h.sessions.GetString(ctx, keyUser), "count", ended,
		"client", c.RealIP())
	notice := "Ended " + views.CountText(ended, "session") + "."
	if ended == 0 {
		notice = "No session was ended: it may have ended already. The list shows the " +
			"sessions still active."
	}
	h.sessions.Put(ctx, keyFlash, notice)
	return c.Redirect(http.StatusSeeOther, "/sessions")
}

// confirmPassword checks the password with PMP for the account of this session. A
// two-factor challenge also proves the password, so it counts as confirmed. When the
// password is not confirmed, it renders the reason and returns false.
func (h *Handler) confirmPassword(c echo.Context, password string) (bool, error) {
	ctx := c.Request().Context()
	user := h.sessions.GetString(ctx, keyLoginName)
	attempt, wait := h.limiter.Begin(c.RealIP(), user)
	if attempt == nil {
		return false, h.renderSessions(c, http.StatusTooManyRequests, "Too many failed "+
			"attempts. Try again in "+waitText(wait)+".", "")
	}
	_, err := h.pmp.Login(ctx, api.Credentials{Username: user, Password: password,
		AuthType: api.AuthType(h.sessions.GetString(ctx, keyAuthType)),
		Domain:   h.sessions.GetString(ctx, keyDomain)})
	if err == nil {
		attempt.Succeed()
		return true, nil
	}
	if errors.Is(err, api.ErrBadCredentials) || errors.Is(err, api.ErrAccountLocked) {
		attempt.Fail()
	} else {
		attempt.Cancel()
	}
	h.log.Warn("Password confirmation failed", "user", user, "client", c.RealIP(),
		"error", err)
	msg := h.loginMessage(err)
	if errors.Is(err, api.ErrBadCredentials) && !errors.Is(err, api.ErrAccountLocked) {
		msg = "PMP did not accept that password. Enter the password of your PMP account."
	}
	return false, h.renderSessions(c, http.StatusUnauthorized, msg, "")
}

// endSessions destroys the user's other session with the reference target, or all of
// them for "others", and returns how many it ended. The current session is kept.
func (h *Handler) endSessions(ctx context.Context, target string) (int, error) {
	ended := 0
	err := h.eachAccountSession(ctx, func(other context.Context, current bool) error {
		if current {
			return nil
		}
		if target != "others" && h.sessions.GetString(other, keySessionRef) != target {
			return nil
		}
		ended++
		return h.sessions.Destroy(other)
	})
	return ended, err
}

// eachAccountSession calls fn for every session that signed in with the same PMP
// account as the session in ctx, including that one, which fn sees as current.
func (h *Handler) eachAccountSession(ctx context.Context,
	fn func(other context.Context, current bool) error) error {
	identity := h.sessions.GetString(ctx, keyIdentity)
	if identity == "" {
		return nil
	}
	token := h.sessions.Token(ctx)
	return h.sessions.Iterate(ctx, func(other context.Context) error {
		if h.sessions.GetString(other, keyIdentity) != identity {
			return nil
		}
		return fn(other, h.sessions.Token(other) == token)
	})
}
