package simulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTicketCategories(t *testing.T) {
	c := newTestClient(t)
	var cats []ticketCategory
	c.ok("GET", "/api/ticket/category/get_all", "", &cats)
	require.Len(t, cats, 2)
	assert.Equal(t, "Công việc", cats[0].Name)
	assert.Len(t, cats[0].Types, 4)
	assert.Equal(t, 4, cats[0].Total)
	assert.Len(t, cats[1].Types, 2)
	assert.Len(t, cats[0].TicketStatusSet.Status, 5)
	assert.True(t, cats[0].TicketStatusSet.Status[4].Finish)
	assert.Equal(t, cats[0].StatusSetID, cats[0].TicketStatusSet.ID)
	assert.Len(t, cats[0].ID, 24)
}

func TestTicketCategoryMaxAge(t *testing.T) {
	assert.Equal(t, 30*24*time.Hour, (&ticketCategory{MaximumTime: timeLimit{"day", 30}}).maxAge())
	assert.Equal(t, 6*time.Hour, (&ticketCategory{MaximumTime: timeLimit{"hour", 6}}).maxAge())
}
