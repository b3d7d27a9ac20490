package interchange

import "testing"

func TestDecodeOldEncodings(t *testing.T) {
	for _, c := range []struct {
		enc, in, want string
		upper, ok     bool
	}{
		{encTCVN3, "NguyÔn V¨n §øc", "Nguyễn Văn Đức", false, true},
		{encTCVN3, "B¶o Th¾ng", "Bảo Thắng", false, true},
		{encTCVN3, "Chi bé Khu d©n c\u00ad sè 12", "Chi bộ Khu dân cư số 12", false, true},
		{encTCVN3, "Hßa Vang, §µ N½ng", "Hòa Vang, Đà Nẵng", false, true},
		{encTCVN3, "TrÇn ThÞ H»ng", "Trần Thị Hằng", false, true},
		{encTCVN3, "NGUYÔN V¨N §øC", "NGUYỄN VĂN ĐỨC", true, true},
		{encTCVN3, "Café", "", false, false},
		// Toned capitals, which TCVN3 types lowercase outside its "H" fonts.
		{encTCVN3, "NGUYÔN V¡N §øC", "NGUYỄN VĂN ĐỨC", false, true},
		{encTCVN3, "Lª ThÞ Ên", "Lê Thị Ấn", false, true},
		{encTCVN3, "Chi bé Khèi phè 5", "Chi bộ Khối phố 5", false, true},
		{encTCVN3, "Ên", "ấn", false, true},
		{encTCVN3, "§¶ng bé ph­êng Hßa C­êng B¾c", "Đảng bộ phường Hòa Cường Bắc", false, true},
		{encVNI, "Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức", false, true},
		{encVNI, "Xin chaøo caùc baïn", "Xin chào các bạn", false, true},
		{encVNI, "Chi boä Khu daân cö soá 12", "Chi bộ Khu dân cư số 12", false, true},
		{encVNI, "Hoøa Vang, Ñaø Naüng", "Hòa Vang, Đà Nẵng", false, true},
		{encVNI, "Traàn Thò Haèng", "Trần Thị Hằng", false, true},
		{encVNI, "Thöôøng tröïc", "Thường trực", false, true},
		{encVNI, "naïve", "", false, false},
		{encVNI, "Zürich", "", false, false},
	} {
		got, ok := decodeAs(c.enc, c.in, c.upper)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("%s %q → %q %v, want %q %v", c.enc, c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestSyllables(t *testing.T) {
	for w, want := range map[string]bool{
		"Nguyễn": true, "Đức": true, "thường": true, "khuya": true, "nghiêng": true, "giữa": true, "quốc": true,
		"Café": false, "naịve": false, "Zürich": false, "bệnhh": false, "ắá": false,
	} {
		if got := syllable(w); got != want {
			t.Errorf("syllable(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestFontEncoding(t *testing.T) {
	for font, want := range map[string]string{".VnTime": encTCVN3, ".VnTimeH": encTCVN3, "VNI-Times": encVNI, "Times New Roman": "", "Calibri": ""} {
		if got, _ := fontEncoding(font); got != want {
			t.Errorf("%s: %q, want %q", font, got, want)
		}
	}
	if _, upper := fontEncoding(".VnArialH"); !upper {
		t.Error(".VnArialH is a capitals font")
	}
}
