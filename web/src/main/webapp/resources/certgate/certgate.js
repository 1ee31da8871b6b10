/*
 * certgate's page script, loaded by the admin template on every page.
 *
 * certgate.localTimes(): every <time class="cg-time" datetime="ISO instant"> (written by the <cg:time> tag, UTC
 * text and UTC title) is shown in the browser's own time zone, as "2026-11-27 18:41 CET"; the title keeps the UTC
 * value for the hover. It runs when the page loads and again whenever an AJAX update adds such elements.
 *
 * Inputs with class cg-zone get the browser's IANA time zone (e.g. Europe/Paris), so a page can read times that the
 * user typed in local time; elements with class cg-zone-name show its name.
 */
(function () {
    'use strict';
    var zone = (Intl.DateTimeFormat().resolvedOptions().timeZone) || 'UTC';
    var zoneNames = new Intl.DateTimeFormat('en-GB', {timeZoneName: 'short'});

    function pad(n) {
        return (n < 10 ? '0' : '') + n;
    }

    function zoneName(date) {
        var parts = zoneNames.formatToParts(date);
        for (var i = 0; i < parts.length; i++) {
            if (parts[i].type === 'timeZoneName') {
                return parts[i].value;
            }
        }
        return zone;
    }

    function local(date) {
        return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' '
            + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ' ' + zoneName(date);
    }

    function localTimes(root) {
        var times = (root || document).querySelectorAll('time.cg-time[datetime]:not([data-local])');
        for (var i = 0; i < times.length; i++) {
            var date = new Date(times[i].getAttribute('datetime'));
            if (!isNaN(date.getTime())) {
                times[i].setAttribute('data-local', 'true');
                times[i].textContent = local(date);
            }
        }
        var zones = (root || document).querySelectorAll('input.cg-zone');
        for (var j = 0; j < zones.length; j++) {
            zones[j].value = zone;
        }
        var names = (root || document).querySelectorAll('.cg-zone-name');
        for (var k = 0; k < names.length; k++) {
            names[k].textContent = zone;
        }
    }

    window.certgate = window.certgate || {};
    window.certgate.localTimes = localTimes;
    window.certgate.timeZone = zone;

    function start() {
        localTimes(document);
        var pending = false;
        new MutationObserver(function () {
            if (!pending) {
                pending = true;
                window.requestAnimationFrame(function () {
                    pending = false;
                    localTimes(document);
                });
            }
        }).observe(document.body, {childList: true, subtree: true});
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
