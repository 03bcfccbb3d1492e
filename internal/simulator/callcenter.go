package simulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// callCenterSeedOrder is when the call center is seeded: after the agents,
// whom its default group holds.
const callCenterSeedOrder = agentsSeedOrder + 1

func init() { register(domain{seed: (*Server).initCallCenter, seedOrder: callCenterSeedOrder}) }

// callCenterState holds internal groups, IVR scripts and greetings (hotline
// assignments live on the agents).
type callCenterState struct {
	groups    []*ccGroup
	scripts   []*ccScript
	greetings []*ccGreeting
	number    int // group and script numbers
}

// ccActor is the {id, name} creator of call-center objects.
type ccActor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ccPage is the page shape of the newer list endpoints, which
// add "extension": null.
type ccPage struct {
	pageA
	Extension *string `json:"extension"`
}

const ccTenantID = "sim-tenant"

func (s *Server) initCallCenter() {
	at := time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC).UnixMilli()
	g := s.newGreeting("Lời chào mặc định", "Robot đọc", "Xin chào, cảm ơn quý khách đã gọi đến Demo Company", "banmai", 0, at)
	s.cc.greetings = append(s.cc.greetings, g)
	var exts []string
	for _, a := range s.agents.list {
		exts = append(exts, a.ext)
	}
	grp := &ccGroup{ID: s.objectID(), CreatedDate: at, CreateBy: s.ccCreator()}
	s.setGroup(grp, groupRequest{GroupName: "Nhóm nhân viên mặc định", Strategy: "enterprise", SIPMembers: exts, Timeout: 30}, at)
	s.cc.groups = append(s.cc.groups, grp)
}

func (s *Server) ccCreator() *ccActor {
	return &ccActor{ID: "65a100000000000000000000", Name: s.cfg.tenant.FullName}
}

// ccListPage serves one page of the objects whose name matches the
// keyword, newest first, in the newer page shape. The page holds copies
// (made by snap under s.mu): the answer is encoded after s.mu is released,
// while other requests may change the stored objects.
func ccListPage[T any](s *Server, r *http.Request, items *[]T, name func(T) string, snap func(T) T) (any, error) {
	kw := searchKey(r.URL.Query().Get("keyword"))
	p, err := servePage(s, r, listing[T, T]{
		size: 10, stored: items, newest: true, view: snap,
		keep: func(it T) bool { return kw == "" || strings.Contains(searchKey(name(it)), kw) },
	})
	if err != nil {
		return nil, err
	}
	return ccPage{pageA: p}, nil
}

// ccDeleteByID serves DELETE .../{id} for a list of objects.
func ccDeleteByID[T any](s *Server, items *[]T, id func(T) string) handlerFunc {
	return func(r *http.Request) (any, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		i := slices.IndexFunc(*items, func(it T) bool { return id(it) == r.PathValue("id") })
		if i < 0 {
			return nil, errNotFound
		}
		*items = slices.Delete(*items, i, i+1)
		return true, nil
	}
}
