package web

import (
	"encoding/gob"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
)

func init() {
	// Session values are gob-encoded as interfaces, so gob must know each concrete type.
	gob.Register(time.Time{})
}

// Session cookie names. Browsers accept a __Host- cookie only when it is Secure, has Path=/
// and no Domain, so no other host or subdomain can set or shadow it.
const (
	sessionCookie       = "patchdesk_session"
	secureSessionCookie = "__Host-patchdesk_session"
)

// sessionDefaults is the template of every session manager. scs.New starts a cleanup
// goroutine for its own memory store, and scs v2.9.0 cannot stop it without a data race
// because the goroutine itself creates the stop channel. So that goroutine runs once per
// process, and each portal gets a store of its own.
var sessionDefaults = scs.New()

// newSessions returns the session manager. Sessions live in memory on the server; the
// browser holds only the random session id in an HttpOnly cookie that ends with the
// browser session.
func newSessions(cfg Config) *scs.SessionManager {
	sm := *sessionDefaults
	sm.Store = newMemoryStore(time.Minute)
	sm.IdleTimeout = cfg.SessionIdle
	sm.Lifetime = cfg.SessionLifetime
	sm.Cookie.Name = sessionCookie
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Path = "/"
	sm.Cookie.Persist = false
	if cfg.ServesHTTPS() {
		sm.Cookie.Name = secureSessionCookie
		sm.Cookie.Secure = true
	}
	return &sm
}

// stopSessions stops the goroutine that removes expired sessions from the memory store.
func stopSessions(sm *scs.SessionManager) {
	if store, ok := sm.Store.(*memoryStore); ok {
		store.Close()
	}
}

// memoryStore is an scs.Store that keeps sessions in memory and removes expired ones
// every interval until Close.
type memoryStore struct {
	mu       sync.Mutex
	items    map[string]memoryItem
	stop     chan struct{}
	stopped  chan struct{}
	stopOnce sync.Once
}

type memoryItem struct {
	data   []byte
	expiry time.Time
}

func newMemoryStore(interval time.Duration) *memoryStore {
	m := &memoryStore{items: map[string]memoryItem{}, stop: make(chan struct{}),
		stopped: make(chan struct{})}
	go m.clean(interval)
	return m
}

// Find returns the data of an unexpired session.
func (m *memoryStore) Find(token string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	item, ok := m.items[token]
	if !ok || !time.Now().Before(item.expiry) {
		return nil, false, nil
	}
	return item.data, true, nil
}

// Commit stores the data of a session until expiry.
func (m *memoryStore) Commit(token string, data []byte, expiry time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items[token] = memoryItem{data: data, expiry: expiry}
	return nil
}

// All returns the data of every unexpired session, so the sessions page can list a
// user's sessions.
func (m *memoryStore) All() (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	all := make(map[string][]byte, len(m.items))
	for token, item := range m.items {
		if now.Before(item.expiry) {
			all[token] = item.data
		}
	}
	return all, nil
}

// Delete removes a session.
func (m *memoryStore) Delete(token string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.items, token)
	return nil
}

// Close stops the cleanup and waits for it to end. It is safe to call more than once.
func (m *memoryStore) Close() {
	m.stopOnce.Do(func() { close(m.stop) })
	<-m.stopped
}

func (m *memoryStore) clean(interval time.Duration) {
	defer close(m.stopped)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-m.stop:
			return
		case now := <-ticker.C:
			m.removeExpired(now)
		}
	}
}

func (m *memoryStore) removeExpired(now time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for token, item := range m.items {
		if !now.Before(item.expiry) {
			delete(m.items, token)
		}
	}
}
