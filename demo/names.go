package demo

// Surnames with their approximate share of the Vietnamese population (per
// mille), from published surveys: Nguyễn about 38%, Trần 11%, Lê 9.5% …
var surnames = []weighted{
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 30}, {"Huỳnh", 21},
	{"Phan", 45}, {"Vũ", 20}, {"Võ", 19}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14}, {"Hồ", 13},
	{"Ngô", 13}, {"Dương", 10}, {"Lý", 5}, {"Đào", 4}, {"Đoàn", 4}, {"Trương", 4}, {"Lương", 3},
	{"Lâm", 3}, {"Mai", 3}, {"Tạ", 2}, {"Thái", 2}, {"Tô", 2}, {"Hà", 3}, {"Cao", 2}, {"Đinh", 3},
	{"Châu", 2}, {"Trịnh", 2}, {"Văn", 1}, {"Quách", 1}, {"Kiều", 1}, {"Lưu", 1}, {"Tôn", 1},
}

var middleMale = []weighted{
	{"Văn", 40}, {"Hữu", 8}, {"Đức", 8}, {"Minh", 8}, {"Quốc", 6}, {"Thanh", 6}, {"Công", 5},
	{"Xuân", 4}, {"Ngọc", 4}, {"Anh", 3}, {"Đình", 4}, {"Trọng", 3}, {"Quang", 4}, {"Tấn", 3},
	{"Thành", 2}, {"Hoài", 2}, {"Viết", 2}, {"Bá", 2}, {"Duy", 2}, {"Phước", 2},
}

var middleFemale = []weighted{
	{"Thị", 45}, {"Ngọc", 8}, {"Thu", 6}, {"Thanh", 5}, {"Kim", 4}, {"Minh", 3}, {"Hồng", 4},
	{"Bích", 3}, {"Mỹ", 3}, {"Phương", 3}, {"Hoài", 2}, {"Diệu", 2}, {"Thùy", 3}, {"Quỳnh", 2},
	{"Lệ", 2}, {"Xuân", 2},
}

var givenMale = []string{
	"Đức", "Dũng", "Tuấn", "Hùng", "Minh", "Nam", "Sơn", "Hải", "Long", "Thắng", "Trung", "Cường",
	"Hiếu", "Hoàng", "Huy", "Khánh", "Lâm", "Lộc", "Phong", "Phúc", "Quân", "Quang", "Tài", "Thành",
	"Thịnh", "Toàn", "Trí", "Tú", "Việt", "Vinh", "Bảo", "Bình", "Chiến", "Công", "Đạt", "Định",
	"Dương", "Giang", "Hậu", "Hiển", "Hòa", "Khoa", "Kiên", "Linh", "Lực", "Mạnh", "Nghĩa", "Nhân",
	"Phát", "Quý", "Sang", "Tâm", "Tân", "Thái", "Thanh", "Thiện", "Tiến", "Tín", "Trọng", "Tường",
	"Vũ", "Anh", "Ánh", "Châu", "Đông", "Hưng", "Kỳ", "Luân", "Nhật", "Quyết", "Sỹ", "Tùng", "Vĩnh",
}

var givenFemale = []string{
	"Hằng", "Hoa", "Lan", "Hương", "Linh", "Mai", "Nga", "Ngọc", "Phương", "Thảo", "Trang", "Thủy",
	"Yến", "Anh", "Ánh", "Bích", "Châu", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hiền", "Hồng", "Huệ",
	"Huyền", "Khánh", "Lệ", "Liên", "Loan", "Lý", "My", "Nguyệt", "Nhung", "Oanh", "Quyên", "Quỳnh",
	"Sương", "Tâm", "Thắm", "Thanh", "Thu", "Thúy", "Tiên", "Trâm", "Tuyết", "Uyên", "Vân", "Vy",
	"Xuân", "Duyên", "Hải", "Kiều", "Loan", "Mến", "Như", "Phượng", "Thơ", "Trinh", "Tuyền",
}

// Home towns: districts and provinces people in Đà Nẵng come from.
var homeTowns = []string{
	"Hòa Vang, Đà Nẵng", "Sơn Trà, Đà Nẵng", "Hải Châu, Đà Nẵng", "Thanh Khê, Đà Nẵng",
	"Ngũ Hành Sơn, Đà Nẵng", "Liên Chiểu, Đà Nẵng", "Cẩm Lệ, Đà Nẵng", "Điện Bàn, Quảng Nam",
	"Duy Xuyên, Quảng Nam", "Đại Lộc, Quảng Nam", "Thăng Bình, Quảng Nam", "Quế Sơn, Quảng Nam",
	"Tam Kỳ, Quảng Nam", "Hội An, Quảng Nam", "Bình Sơn, Quảng Ngãi", "Mộ Đức, Quảng Ngãi",
	"Đức Phổ, Quảng Ngãi", "Phong Điền, Thừa Thiên Huế", "Hương Trà, Thừa Thiên Huế",
	"Quảng Trạch, Quảng Bình", "Lệ Thủy, Quảng Bình", "Nghi Lộc, Nghệ An", "Nam Đàn, Nghệ An",
	"Đức Thọ, Hà Tĩnh", "Can Lộc, Hà Tĩnh", "Hoằng Hóa, Thanh Hóa", "Giao Thủy, Nam Định",
	"Thái Thụy, Thái Bình", "Gia Lâm, Hà Nội", "Hoài Nhơn, Bình Định", "Phù Cát, Bình Định",
}

var occupations = []weighted{
	{"Hưu trí", 30}, {"Cán bộ, công chức", 20}, {"Viên chức", 15}, {"Giáo viên", 8},
	{"Công an", 5}, {"Quân nhân", 4}, {"Kinh doanh", 6}, {"Công nhân", 5}, {"Lao động tự do", 4},
	{"Bác sĩ", 2}, {"Sinh viên", 1},
}

var educations = []weighted{{"12/12", 70}, {"9/12", 15}, {"10/10", 10}, {"7/10", 5}}
var theoryLevels = []weighted{{"Sơ cấp", 55}, {"Trung cấp", 30}, {"Cao cấp", 10}, {"Cử nhân", 5}}

var wards = []string{
	"An Hải Bắc", "An Hải Đông", "An Hải Tây", "Mân Thái", "Nại Hiên Đông", "Phước Mỹ", "Thọ Quang",
	"Hải Châu I", "Hải Châu II", "Thạch Thang", "Thanh Bình", "Thuận Phước", "Hòa Thuận Đông",
	"Hòa Thuận Tây", "Nam Dương", "Phước Ninh", "Bình Hiên", "Bình Thuận", "Hòa Cường Bắc",
	"Hòa Cường Nam", "Thanh Khê Đông", "Thanh Khê Tây", "Xuân Hà", "Tam Thuận", "Chính Gián",
	"Thạc Gián", "Vĩnh Trung", "Tân Chính", "An Khê", "Hòa Khê", "Mỹ An", "Khuê Mỹ", "Hòa Hải",
	"Hòa Quý", "Hòa Minh", "Hòa Khánh Bắc", "Hòa Khánh Nam", "Hòa Hiệp Bắc", "Hòa Hiệp Nam",
	"Khuê Trung", "Hòa Phát", "Hòa An", "Hòa Thọ Đông", "Hòa Thọ Tây", "Hòa Xuân",
}

var districts = []string{
	"quận Sơn Trà", "quận Hải Châu", "quận Thanh Khê", "quận Ngũ Hành Sơn", "quận Liên Chiểu",
	"quận Cẩm Lệ", "huyện Hòa Vang",
}

var agencies = []string{
	"Trường THCS Nguyễn Văn Cừ", "Trường THPT Hoàng Hoa Thám", "Trường Tiểu học Lê Độ",
	"Trường Mầm non Hoa Sen", "Trung tâm Y tế", "Ban Quản lý dự án", "Phòng Tài chính – Kế hoạch",
	"Phòng Giáo dục và Đào tạo", "Chi cục Thuế", "Kho bạc Nhà nước", "Công ty Cổ phần Cảng",
	"Bệnh viện", "Viện Kiểm sát nhân dân", "Tòa án nhân dân", "Chi cục Thi hành án dân sự",
	"Trường THCS Lê Lợi", "Trường Tiểu học Ngô Quyền", "Công ty Điện lực", "Ngân hàng Chính sách xã hội",
}

var cellKinds = []string{"Khu dân cư số %d", "Tổ dân phố %d", "Khối phố %d"}

// notRatedReasons: exemption, one the rules do not allow (for the checks),
// admission less than six months before the review, suspension — those of
// the list as the window writes them (domain.MemberReasons).
var notRatedReasons = []string{"Miễn sinh hoạt đảng", "Ốm đau dài ngày", "Kết nạp chưa đủ 6 tháng", "Đình chỉ sinh hoạt đảng"}
