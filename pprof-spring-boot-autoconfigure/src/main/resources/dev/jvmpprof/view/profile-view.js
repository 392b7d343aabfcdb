'use strict';
// The profile page: takes the profile from its own URL, then shows it as a flame graph and a top table.
// Written for this page alone; it loads nothing from anywhere else.
(function () {
	const view = JSON.parse(document.getElementById('view-data').textContent);
	const $ = (id) => document.getElementById(id);
	const ROW_HEIGHT = 18;

	const profileUrl = new URL(window.location.href);
	profileUrl.hash = '';

	$('index-link').href = view.index;
	$('profile-name').textContent = view.profile;
	$('profile-query').textContent = view.query ? '?' + view.query : '';
	$('description').textContent = view.description;
	$('command').textContent = "go tool pprof -http=: '" + profileUrl.href + "'";

	// ---- Taking the profile, with its window's progress

	let finished = false;
	const started = performance.now();

	function showProgress() {
		if (finished) {
			return;
		}
		const bar = $('progress-bar');
		const windowMs = view.windowSeconds * 1000;
		const elapsed = performance.now() - started;
		if (windowMs > 0 && elapsed < windowMs) {
			bar.max = windowMs;
			bar.value = elapsed;
			const left = Math.ceil((windowMs - elapsed) / 1000);
			$('progress-text').textContent = 'Recording for ' + view.windowSeconds + ' s: ' + left + ' s left';
		}
		else {
			bar.removeAttribute('value');
			$('progress-text').textContent = windowMs > 0 ? 'Recorded; writing the profile' : 'Taking the profile';
		}
		setTimeout(showProgress, 200);
	}

	function fail(message) {
		finished = true;
		$('progress').hidden = true;
		$('error-text').textContent = message;
		$('error').hidden = false;
		document.body.dataset.state = 'error';
	}

	async function take() {
		// The same URL without asking for HTML, as curl asks for it: the answer go tool pprof would get.
		const response = await fetch(profileUrl, { headers: { Accept: '*/*' }, cache: 'no-store' });
		const answer = new Uint8Array(await response.arrayBuffer());
		if (!response.ok) {
			throw new Error((response.status + ' ' + response.statusText).trim() + '\n' + new TextDecoder().decode(answer));
		}
		const fileName = attachmentName(response.headers.get('Content-Disposition')) || view.profile;
		if (view.format === 'jfr') {
			return { fileName, bytes: answer, profile: null };
		}
		if (answer.length < 2 || answer[0] !== 0x1f || answer[1] !== 0x8b) {
			throw new Error(new TextDecoder().decode(answer) || 'the answer was empty');
		}
		return { fileName, bytes: answer, profile: decodeProfile(await gunzip(answer)) };
	}

	function attachmentName(disposition) {
		const match = /filename="([^"]+)"/.exec(disposition || '');
		return match ? match[1] : null;
	}

	async function gunzip(bytes) {
		if (typeof DecompressionStream === 'undefined') {
			throw new Error('This browser cannot decompress the profile (no DecompressionStream); download it instead.');
		}
		const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
		return new Uint8Array(await new Response(stream).arrayBuffer());
	}

	// ---- profile.proto: field numbers as in perftools.profiles

	class Reader {
		constructor(buf, pos, end) {
			this.buf = buf;
			this.pos = pos;
			this.end = end;
		}

		more() {
			return this.pos < this.end;
		}

		varint() {
			const b = this.buf;
			let pos = this.pos;
			let x = b[pos++];
			if (x < 0x80) {
				this.pos = pos;
				return x;
			}
			x &= 0x7f;
			let scale = 128;
			// Exact in a double up to seven bytes (49 bits); longer ones are large or negative int64s.
			for (let i = 1; i < 7; i++) {
				const byte = b[pos++];
				x += (byte & 0x7f) * scale;
				if (byte < 0x80) {
					return this.at(pos, x);
				}
				scale *= 128;
			}
			let big = BigInt(x);
			let shift = 49n;
			for (;;) {
				const byte = b[pos++];
				big |= BigInt(byte & 0x7f) << shift;
				shift += 7n;
				if (byte < 0x80 || shift > 70n) {
					break;
				}
			}
			return this.at(pos, Number(BigInt.asIntN(64, big)));
		}

		at(pos, value) {
			if (pos > this.end) {
				throw new Error('the profile is truncated');
			}
			this.pos = pos;
			return value;
		}

		message() {
			const length = this.varint();
			const start = this.pos;
			this.at(start + length, 0);
			return new Reader(this.buf, start, start + length);
		}

		string() {
			const field = this.message();
			return utf8.decode(this.buf.subarray(field.pos, field.end));
		}

		// Repeated integers, packed or not.
		ints(wireType, into) {
			if (wireType === 2) {
				const packed = this.message();
				while (packed.more()) {
					into.push(packed.varint());
				}
			}
			else {
				into.push(this.varint());
			}
		}

		skip(wireType) {
			switch (wireType) {
				case 0: this.varint(); break;
				case 1: this.at(this.pos + 8, 0); break;
				case 2: this.message(); break;
				case 5: this.at(this.pos + 4, 0); break;
				default: throw new Error('not a profile (wire type ' + wireType + ')');
			}
		}

		// Calls read(field, wireType) for each field; read returns false for a field it does not take.
		fields(read) {
			while (this.more()) {
				const key = this.varint();
				const wireType = key & 7;
				if (!read(Math.floor(key / 8), wireType)) {
					this.skip(wireType);
				}
			}
		}
	}

	const utf8 = new TextDecoder();

	function decodeProfile(buf) {
		const p = { sampleTypes: [], samples: [], locations: new Map(), functions: new Map(), strings: [],
			timeNanos: 0, durationNanos: 0, periodType: null, period: 0, defaultSampleType: 0 };
		const r = new Reader(buf, 0, buf.length);
		r.fields((field, wt) => {
			switch (field) {
				case 1: return wt === 2 && p.sampleTypes.push(readValueType(r.message()));
				case 2: return wt === 2 && p.samples.push(readSample(r.message()));
				case 4: return wt === 2 && readLocation(r.message(), p.locations);
				case 5: return wt === 2 && readFunction(r.message(), p.functions);
				case 6: return wt === 2 && p.strings.push(r.string());
				case 9: return wt === 0 && ((p.timeNanos = r.varint()), true);
				case 10: return wt === 0 && ((p.durationNanos = r.varint()), true);
				case 11: return wt === 2 && ((p.periodType = readValueType(r.message())), true);
				case 12: return wt === 0 && ((p.period = r.varint()), true);
				case 14: return wt === 0 && ((p.defaultSampleType = r.varint()), true);
				default: return false;
			}
		});
		const str = (i) => p.strings[i] || '';
		for (const t of p.sampleTypes.concat(p.periodType ? [p.periodType] : [])) {
			t.type = str(t.type);
			t.unit = str(t.unit);
		}
		p.defaultSampleType = str(p.defaultSampleType);
		for (const f of p.functions.values()) {
			f.name = str(f.name);
		}
		for (const s of p.samples) {
			s.stack = stack(p, s.locationIds);
			s.ownStart = ownCodeStart(s.stack);
			// A bracketed pseudo-frame alone, or above the allocated type: a heap profile's bytes that no allocation
			// stack stands for, in all or of one type.
			s.noStack = s.stack.length <= 2 && /^\[.*\]$/.test(s.stack[0]);
		}
		return p;
	}

	function readValueType(r) {
		const t = { type: 0, unit: 0 };
		r.fields((field, wt) => {
			if (wt !== 0 || (field !== 1 && field !== 2)) {
				return false;
			}
			t[field === 1 ? 'type' : 'unit'] = r.varint();
			return true;
		});
		return t;
	}

	function readSample(r) {
		const s = { locationIds: [], values: [], stack: null };
		r.fields((field, wt) => {
			if (field === 1 || field === 2) {
				r.ints(wt, field === 1 ? s.locationIds : s.values);
				return true;
			}
			return false;
		});
		return s;
	}

	function readLocation(r, locations) {
		const loc = { id: 0, address: 0, lines: [] };
		r.fields((field, wt) => {
			if (field === 1 && wt === 0) {
				loc.id = r.varint();
			}
			else if (field === 3 && wt === 0) {
				loc.address = r.varint();
			}
			else if (field === 4 && wt === 2) {
				const line = { functionId: 0, line: 0 };
				const lr = r.message();
				lr.fields((lf, lwt) => {
					if (lwt !== 0 || (lf !== 1 && lf !== 2)) {
						return false;
					}
					line[lf === 1 ? 'functionId' : 'line'] = lr.varint();
					return true;
				});
				loc.lines.push(line);
			}
			else {
				return false;
			}
			return true;
		});
		locations.set(loc.id, loc);
		return true;
	}

	function readFunction(r, functions) {
		const f = { id: 0, name: 0 };
		r.fields((field, wt) => {
			if (wt !== 0 || (field !== 1 && field !== 2)) {
				return false;
			}
			f[field === 1 ? 'id' : 'name'] = r.varint();
			return true;
		});
		functions.set(f.id, f);
		return true;
	}

	// The frame names of a sample, root first. Locations come leaf first; in one location, several lines are
	// inlined calls and the last line is the outermost caller.
	function stack(p, locationIds) {
		const names = [];
		for (let i = locationIds.length - 1; i >= 0; i--) {
			const loc = p.locations.get(locationIds[i]);
			if (!loc || loc.lines.length === 0) {
				names.push(loc ? '0x' + loc.address.toString(16) : '?');
				continue;
			}
			for (let j = loc.lines.length - 1; j >= 0; j--) {
				const f = p.functions.get(loc.lines[j].functionId);
				names.push(f ? f.name : '?');
			}
		}
		return names;
	}

	// ---- The application's own code

	// The JDK, the web servers and the frameworks that call an application's code, and this endpoint's own web
	// filter: in a request's stack, the 40 or so frames above the application's first one are theirs, and the same
	// in every request.
	const FRAMEWORK = new RegExp('^(java|javax|jdk|sun|com\\.sun|jakarta|org\\.springframework|org\\.apache|io\\.netty'
		+ '|reactor|io\\.micrometer|io\\.undertow|org\\.eclipse\\.jetty|com\\.fasterxml|tools\\.jackson|ch\\.qos'
		+ '|org\\.slf4j|kotlin|kotlinx|scala|dev\\.jvmpprof\\.actuate)\\.');

	function isOwnCode(name) {
		// Native frames have no package: a C function, or a C++ one with '::'.
		return name.includes('.') && !name.includes('::') && !FRAMEWORK.test(name);
	}

	// Where a stack (root first) reaches the application's own code: its first frame of it that calls something,
	// since a heap profile's leaf is the allocated type. 0 where the stack has none, which then stays whole.
	function ownCodeStart(names) {
		for (let i = 0; i < names.length - 1; i++) {
			if (isOwnCode(names[i])) {
				return i;
			}
		}
		return 0;
	}

	// ---- Values in their units, as go tool pprof prints them

	function format(value, unit) {
		const sign = value < 0 ? '-' : '';
		const v = Math.abs(value);
		const scaled = (units) => {
			let i = 0;
			let x = v;
			while (i < units.length - 1 && x >= units[i + 1][0]) {
				i++;
			}
			x = v / units[i][0];
			return sign + (Number.isInteger(x) ? x : x.toFixed(x < 10 ? 2 : 1)) + units[i][1];
		};
		if (unit === 'nanoseconds') {
			return scaled([[1, 'ns'], [1e3, 'us'], [1e6, 'ms'], [1e9, 's'], [6e10, 'min']]);
		}
		if (unit === 'bytes') {
			return scaled([[1, 'B'], [1024, 'kB'], [1048576, 'MB'], [1073741824, 'GB']]);
		}
		return sign + v.toLocaleString('en-US');
	}

	function percent(part, whole) {
		return whole ? (100 * part / whole).toFixed(2) + '%' : '-';
	}

	// ---- The view: sample type, flame graph, search, top table

	const state = { profile: null, index: 0, root: null, focus: null, total: 0, sortBy: 'flat', ownCode: true };
	const frameNodes = new Map();

	function show(taken) {
		finished = true;
		$('progress').hidden = true;
		const download = $('download');
		download.href = URL.createObjectURL(new Blob([taken.bytes], { type: 'application/octet-stream' }));
		download.download = taken.fileName;
		if (!taken.profile) {
			download.textContent = 'Download ' + taken.fileName;
			$('command-line').hidden = true;
			$('jfr-note').hidden = false;
			$('pprof-view').hidden = true;
			summary([['Type', 'JDK Flight Recorder recording'], ['Size', format(taken.bytes.length, 'bytes')]]);
			$('result').hidden = false;
			document.body.dataset.state = 'done';
			return;
		}
		download.textContent = 'Download ' + taken.fileName + ' (gzip\'d profile.proto)';
		const p = taken.profile;
		state.profile = p;
		const select = $('sample-type');
		p.sampleTypes.forEach((t, i) => select.add(new Option(t.type + ' (' + t.unit + ')', String(i))));
		const preferred = p.sampleTypes.findIndex((t) => t.type === p.defaultSampleType);
		select.value = String(preferred >= 0 ? preferred : p.sampleTypes.length - 1);
		select.disabled = p.sampleTypes.length < 2;
		select.addEventListener('change', () => choose(Number(select.value)));
		$('result').hidden = false;
		choose(Number(select.value));
		document.body.dataset.state = 'done';
	}

	function choose(index) {
		const p = state.profile;
		state.index = index;
		state.root = tree(p, index);
		state.focus = state.root;
		state.total = p.samples.reduce((sum, s) => sum + (s.values[index] || 0), 0);
		const unit = p.sampleTypes[index] ? p.sampleTypes[index].unit : '';
		const rows = [['Type', p.sampleTypes[index] ? p.sampleTypes[index].type : '?']];
		if (p.timeNanos) {
			rows.push(['Time', new Date(p.timeNanos / 1e6).toLocaleString()]);
		}
		if (p.durationNanos) {
			rows.push(['Duration', format(p.durationNanos, 'nanoseconds')]);
		}
		let total = format(state.total, unit);
		if (unit === 'nanoseconds' && p.durationNanos) {
			total += ' (' + percent(state.total, p.durationNanos) + ' of the duration)';
		}
		rows.push(['Total', total]);
		if (state.root.leftOut > 0) {
			rows.push(['Not in the graph', format(state.root.leftOut, unit) + ' (' + percent(state.root.leftOut, state.total)
				+ ') at no stack, such as ' + state.root.leftOutName]);
		}
		// What go tool pprof calls samples: the sum of the samples type's values (a CPU profile's 64 at 10 ms for
		// 640 ms), not the number of sample records, which are distinct stacks and labels.
		const counted = p.sampleTypes.findIndex((t) => t.type === 'samples');
		if (counted >= 0) {
			rows.push(['Samples', format(p.samples.reduce((sum, s) => sum + (s.values[counted] || 0), 0), 'count')]);
		}
		rows.push(['Stacks', p.samples.length.toLocaleString('en-US')]);
		summary(rows);
		render();
		topTable();
	}

	function summary(rows) {
		const dl = $('summary');
		dl.replaceChildren();
		for (const [term, value] of rows) {
			const item = document.createElement('div');
			const dt = document.createElement('dt');
			const dd = document.createElement('dd');
			dt.textContent = term;
			dd.textContent = value;
			item.append(dt, dd);
			dl.append(item);
		}
	}

	// Samples merged into a tree of frames by name; only positive values have a width in a flame graph. With the
	// focus on the application's code, a stack starts at its first frame of it, as go tool pprof's -hide of the
	// frames above would show it, so that the application's frames are at the top of the graph; and what has no
	// stack, such as a heap profile's [allocated before sampling started], is left out, so that the stacks
	// fill the graph's width; unless nothing with a stack has a value, when the graph would be empty.
	function tree(p, index) {
		const root = { name: 'all', value: 0, self: 0, children: new Map(), parent: null, depth: 0, leftOut: 0,
			leftOutName: null };
		const leaveOutNoStack = state.ownCode && p.samples.some((s) => !s.noStack && s.values[index] > 0);
		for (const s of p.samples) {
			const v = s.values[index];
			if (!(v > 0)) {
				continue;
			}
			if (leaveOutNoStack && s.noStack) {
				root.leftOut += v;
				root.leftOutName = root.leftOutName || s.stack[0];
				continue;
			}
			root.value += v;
			let node = root;
			for (const name of (state.ownCode ? s.stack.slice(s.ownStart) : s.stack)) {
				let child = node.children.get(name);
				if (!child) {
					child = { name, value: 0, self: 0, children: new Map(), parent: node, depth: node.depth + 1 };
					node.children.set(name, child);
				}
				child.value += v;
				node = child;
			}
			node.self += v;
		}
		return root;
	}

	function render() {
		const graph = $('flamegraph');
		graph.replaceChildren();
		frameNodes.clear();
		const focus = state.focus;
		if (state.root.value <= 0) {
			const empty = document.createElement('div');
			empty.className = 'empty';
			empty.textContent = 'No samples of this type in the profile.';
			graph.append(empty);
			graph.style.height = '';
			return;
		}
		const fragment = document.createDocumentFragment();
		const chain = [];
		for (let n = focus; n; n = n.parent) {
			chain.unshift(n);
		}
		const width = Math.max(graph.clientWidth, 1);
		const frame = (node, left, share, kind) => frameElement(node, left, share, kind, label(node.name, share * width));
		chain.forEach((n) => fragment.append(frame(n, 0, 1, n === focus ? 'focus' : 'ancestor')));
		// Frames narrower than a pixel are left out: they could not be seen or pointed at.
		const minValue = focus.value / width;
		let maxDepth = focus.depth;
		const layout = (node, start) => {
			let x = start;
			for (const child of [...node.children.values()].sort((a, b) => b.value - a.value)) {
				if (child.value < minValue) {
					break;
				}
				fragment.append(frame(child, x / focus.value, child.value / focus.value, ''));
				maxDepth = Math.max(maxDepth, child.depth);
				layout(child, x);
				x += child.value;
			}
		};
		layout(focus, 0);
		graph.append(fragment);
		graph.style.height = ((maxDepth + 1) * ROW_HEIGHT) + 'px';
		search();
	}

	// A frame's label: its name where that fits, else the name from its class on (a Java name's package takes the
	// room the method needs), and nothing where not even that can start. The full name is in the frame's data and
	// its tooltip.
	function label(name, pixels) {
		const chars = Math.floor((pixels - 6) / 7.2);
		if (chars < 3) {
			return '';
		}
		if (name.length <= chars) {
			return name;
		}
		const type = name.search(/\.[A-Z][^.]*\./);
		return type >= 0 ? name.substring(type + 1) : name;
	}

	function frameElement(node, left, width, kind, text) {
		const el = document.createElement('div');
		el.className = kind ? 'frame ' + kind : 'frame';
		el.style.left = (left * 100) + '%';
		el.style.width = (width * 100) + '%';
		el.style.top = (node.depth * ROW_HEIGHT) + 'px';
		el.style.background = color(node.name);
		el.dataset.name = node.name;
		el.dataset.value = String(node.value);
		el.textContent = text;
		frameNodes.set(el, node);
		return el;
	}

	// Warm colours for the application's Java frames, green for the JDK's, blue for native code (the JVM's own
	// threads, C and C++ frames), grey for the root: a colour per name, the same in every profile.
	function color(name) {
		if (name === 'all') {
			return 'hsl(0, 0%, 80%)';
		}
		let hash = 0;
		for (let i = 0; i < name.length; i++) {
			hash = (hash * 31 + name.charCodeAt(i)) | 0;
		}
		const lightness = 58 + (Math.abs(hash >> 8) % 14);
		if (name.includes('::') || !name.includes('.')) {
			return 'hsl(' + (195 + (Math.abs(hash) % 30)) + ', 45%, ' + (lightness + 6) + '%)';
		}
		const jdk = /^(java|javax|jdk|sun|com\.sun)\./.test(name);
		const hue = jdk ? 80 + (Math.abs(hash) % 50) : 8 + (Math.abs(hash) % 42);
		return 'hsl(' + hue + ', 70%, ' + lightness + '%)';
	}

	function pattern() {
		const text = $('search').value.trim();
		if (!text) {
			return null;
		}
		try {
			return new RegExp(text, 'i');
		}
		catch (ex) {
			return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
		}
	}

	function search() {
		const re = pattern();
		for (const [el, node] of frameNodes) {
			const match = re !== null && re.test(node.name);
			el.classList.toggle('match', match);
			el.classList.toggle('dim', re !== null && !match);
		}
		if (!re) {
			$('matched').textContent = '';
			return;
		}
		// A match under a match is already counted in its ancestor's value.
		let matched = 0;
		const visit = (node) => {
			if (node !== state.root && re.test(node.name)) {
				matched += node.value;
				return;
			}
			node.children.forEach(visit);
		};
		visit(state.root);
		const unit = state.profile.sampleTypes[state.index].unit;
		$('matched').textContent = 'Matched: ' + format(matched, unit) + ' (' + percent(matched, state.root.value) + ')';
	}

	function zoom(node) {
		state.focus = node;
		render();
	}

	function tooltip(event) {
		const tip = $('tooltip');
		const node = frameNodes.get(event.target);
		if (!node) {
			tip.hidden = true;
			return;
		}
		const unit = state.profile.sampleTypes[state.index].unit;
		const lines = [node.name, format(node.value, unit) + ' (' + percent(node.value, state.root.value) + ' of all)'];
		if (node.self) {
			lines.push('self ' + format(node.self, unit));
		}
		if (state.focus !== state.root && node.depth > state.focus.depth) {
			lines.push(percent(node.value, state.focus.value) + ' of ' + state.focus.name);
		}
		tip.replaceChildren();
		lines.forEach((text, i) => {
			const line = document.createElement('div');
			line.textContent = text;
			if (i === 0) {
				line.className = 'name';
			}
			tip.append(line);
		});
		tip.hidden = false;
		const x = Math.min(event.clientX + 12, window.innerWidth - tip.offsetWidth - 8);
		tip.style.left = Math.max(x, 0) + 'px';
		tip.style.top = (event.clientY + 16) + 'px';
	}

	// flat: where the samples' own frame is the function; cum: samples with the function anywhere on the stack,
	// counted once however often it recurses.
	function topTable() {
		const p = state.profile;
		const index = state.index;
		const rows = new Map();
		const row = (name) => {
			let r = rows.get(name);
			if (!r) {
				r = { name, flat: 0, cum: 0 };
				rows.set(name, r);
			}
			return r;
		};
		for (const s of p.samples) {
			const v = s.values[index] || 0;
			if (v === 0 || s.stack.length === 0) {
				continue;
			}
			row(s.stack[s.stack.length - 1]).flat += v;
			for (const name of new Set(s.stack)) {
				row(name).cum += v;
			}
		}
		const sorted = [...rows.values()].sort((a, b) => (b[state.sortBy] - a[state.sortBy])
			|| (b.cum - a.cum) || a.name.localeCompare(b.name));
		const unit = p.sampleTypes[index] ? p.sampleTypes[index].unit : '';
		const body = $('top').tBodies[0];
		body.replaceChildren();
		let sum = 0;
		for (const r of sorted.slice(0, 200)) {
			sum += r.flat;
			const tr = body.insertRow();
			for (const text of [format(r.flat, unit), percent(r.flat, state.total), percent(sum, state.total),
				format(r.cum, unit), percent(r.cum, state.total), r.name]) {
				tr.insertCell().textContent = text;
			}
			tr.cells[5].className = 'name';
			tr.dataset.name = r.name;
		}
		for (const th of $('top').tHead.rows[0].cells) {
			th.classList.toggle('sorted', th.dataset.sort === state.sortBy);
		}
	}

	// ---- Events

	$('flamegraph').addEventListener('click', (event) => {
		const node = frameNodes.get(event.target);
		if (node) {
			zoom(node);
		}
	});
	$('flamegraph').addEventListener('mousemove', tooltip);
	$('flamegraph').addEventListener('mouseleave', () => {
		$('tooltip').hidden = true;
	});
	$('search').addEventListener('input', search);
	$('reset-zoom').addEventListener('click', () => zoom(state.root));
	$('own-code').addEventListener('change', () => {
		state.ownCode = $('own-code').checked;
		choose(state.index);
	});
	document.addEventListener('keydown', (event) => {
		if (event.key === 'Escape' && state.root) {
			zoom(state.root);
		}
	});
	$('top').tHead.addEventListener('click', (event) => {
		if (event.target.dataset.sort) {
			state.sortBy = event.target.dataset.sort;
			topTable();
		}
	});
	$('top').tBodies[0].addEventListener('click', (event) => {
		const tr = event.target.closest('tr');
		if (tr) {
			$('search').value = '^' + tr.dataset.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$';
			search();
		}
	});
	let resizing = 0;
	window.addEventListener('resize', () => {
		clearTimeout(resizing);
		resizing = setTimeout(() => state.root && render(), 150);
	});

	showProgress();
	take().then(show, (error) => fail(error.message || String(error)));
})();
