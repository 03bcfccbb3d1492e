package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNewReadiesEveryDomainState(t *testing.T) {
	s := New()
	assert.Len(t, s.agents.list, 3)
	assert.NotNil(t, s.agents.byEmail)
	assert.NotEmpty(t, s.cc.groups)
	assert.Len(t, s.history.recs, 500)
	assert.Empty(t, s.hooks.regs)
	assert.NotNil(t, s.contacts.byPhoneNotes)
	assert.Len(t, s.tickets.categories, 2)
	assert.NotNil(t, s.speech.audio)
	assert.Len(t, s.partner.stock, 140)
	assert.Equal(t, s.agents, s.domainState.agents, "the state is part of the server")
}
