// The pan and zoom behaviour both HTML pages share (the diagram page, the findings report), as page script:
// `vpcsimPanZoom(box, canvas)` makes the canvas inside `box` draggable and wheel-zoomable and returns its
// fit() and zoom(k). Plain ES5 so the page runs in any browser with nothing fetched.
export const PANZOOM_JS = `
function vpcsimPanZoom(box, canvas){
  var s = 1, x = 0, y = 0, drag = null;
  function apply(){ canvas.style.transform = 'translate(' + x + 'px,' + y + 'px) scale(' + s + ')'; }
  function fit(){
    var svg = canvas.querySelector('svg'); if (!svg) return;
    var w = svg.width.baseVal.value, h = svg.height.baseVal.value;
    s = Math.min(1.5, Math.min(box.clientWidth / w, box.clientHeight / h) * 0.95); x = (box.clientWidth - w * s) / 2; y = 8; apply();
  }
  box.addEventListener('wheel', function(e){
    e.preventDefault();
    var r = box.getBoundingClientRect(), mx = e.clientX - r.left, my = e.clientY - r.top, k = e.deltaY < 0 ? 1.15 : 1 / 1.15;
    x = mx - (mx - x) * k; y = my - (my - y) * k; s *= k; apply();
  }, { passive: false });
  box.addEventListener('mousedown', function(e){ if (e.target.tagName === 'BUTTON') return; drag = { x: e.clientX - x, y: e.clientY - y }; box.classList.add('dragging'); });
  window.addEventListener('mousemove', function(e){ if (drag) { x = e.clientX - drag.x; y = e.clientY - drag.y; apply(); } });
  window.addEventListener('mouseup', function(){ drag = null; box.classList.remove('dragging'); });
  return { fit: fit, zoom: function(k){ s *= k; apply(); } };
}
`;
