package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStripVietnamese(t *testing.T) {
	assert.Equal(t, "Nhom nhan vien mac dinh", stripVietnamese("Nhóm nhân viên mặc định"))
	assert.Equal(t, "KICH BAN BAM PHIM", stripVietnamese("KỊCH BẢN BẤM PHÍM"))
	assert.Equal(t, "Dung Duong", stripVietnamese("Dũng Đường"))
	assert.Equal(t, "ß", stripVietnamese("ß"), "other letters are left as they are")
}

func TestSearchKeyAndContainsFold(t *testing.T) {
	assert.Equal(t, "tran thi", searchKey("Trần Thị"))
	assert.True(t, containsFold("Demo Company", "COMP"))
	assert.False(t, containsFold("Demo", "Công"), "containsFold keeps the accents")
}
