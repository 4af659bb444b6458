// Small browser helpers for the Blazor pages (no build step).
window.jiuzhu = {
  // The device's position for a service check-in: { latitude, longitude } or { error }.
  locate: function () {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) {
        resolve({ error: "此设备不支持定位" });
        return;
      }
      navigator.geolocation.getCurrentPosition(
        function (p) { resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }); },
        function (e) { resolve({ error: e.code === 1 ? "未允许定位，请在浏览器中允许本网站使用位置" : "无法获取当前位置，请稍后再试" }); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
    });
  }
};
