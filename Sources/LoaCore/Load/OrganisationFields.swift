import Foundation

/// Reads the fields of an organisation (`Content/organisations/`): see `Organisation`.
extension YAMLFields {
    /// Units nested deeper than this are an error: a chart is read by people, and the theme
    /// renders each level through a partial.
    static let deepestChartLevel = 8

    /// `required`: the keys the content schema requires (`ContentSchema.requiredKeys`).
    mutating func organisation(required: Set<String>) -> Organisation {
        func need(_ key: String, _ hint: String) -> String? { required.contains(key) ? hint : nil }
        let kind = choice("organisation_kind", OrganisationKind.self, required: required.contains("organisation_kind")) ?? .other
        let parent = string("parent")
        let address = string("address")
        let phone = phoneNumber("phone")
        let fax = phoneNumber("fax")
        let email = emailAddress("email")
        let workingHours = string("working_hours")
        var officials: [Official] = []
        for var o in nestedList("officials") {
            let official = Official(name: o.string("name"), position: o.string("position"), unit: o.string("unit"),
                                    phone: o.phoneNumber("phone"), email: o.emailAddress("email"))
            if official.name == nil && official.position == nil {
                o.diagnostics.error(o.origin, "an official needs at least a 'name' or a 'position' (as the source gives them)")
            }
            o.warnUnknown(allowed: [])
            absorb(o, under: "officials")
            officials.append(official)
        }
        var chartImage: ChartImage?
        if var c = nested("chart_image") {
            let file = c.string("file", required: need("chart_image.file", "the picture's path, relative to this file, e.g. images/so-do.png"))
            let alt = c.string("alt", required: need("chart_image.alt", "what the picture shows, for readers who cannot see it"))
            if let file, !Self.isImageFile(file) {
                c.diagnostics.error(c.locationOf("file"), "chart_image '\(file)' must be a picture: a .png, .jpg, .jpeg, .gif, .webp or .svg file")
            }
            c.warnUnknown(allowed: [])
            absorb(c, under: "chart_image")
            if let file, let alt, Self.isImageFile(file) { chartImage = ChartImage(file: file, alt: alt, location: c.locationOf("file")) }
        }
        used.insert("chart")
        let chart = valueNode("chart").map { chartUnits($0, key: "chart", level: 1) } ?? []
        return Organisation(organisationKind: kind, parent: parent, address: address, phone: phone, fax: fax, email: email,
                            workingHours: workingHours, officials: officials, chart: chart, chartImage: chartImage)
    }

    static func isImageFile(_ file: String) -> Bool {
        let ext = URLPaths.splitSuffix(file).0.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["png", "jpg", "jpeg", "gif", "webp", "svg"].contains(ext)
    }

    /// A list of units: each a name (`- Phòng Văn hóa và Thông tin`) or a group with a `name`
    /// and the `units` under it.
    mutating func chartUnits(_ node: YAMLNode, key: String, level: Int) -> [OrganisationUnit] {
        guard case .sequence(let entries) = node.value else {
            diagnostics.error(location(of: node), "field '\(key)' must be a list of units, e.g. [Văn phòng, Phòng Văn hóa và Thông tin]")
            return []
        }
        guard level <= Self.deepestChartLevel else {
            diagnostics.error(location(of: node), "the chart is nested more than \(Self.deepestChartLevel) levels deep here")
            return []
        }
        var units: [OrganisationUnit] = []
        for entry in entries {
            switch entry.value {
            case .scalar(let s, _):
                let name = Folding.nfc(s).trimmedWhiteSpace
                if name.isEmpty {
                    diagnostics.error(location(of: entry), "an entry of '\(key)' is empty: give the unit's name")
                } else {
                    units.append(OrganisationUnit(name: name, units: []))
                }
            case .mapping:
                var u = YAMLFields(node: entry, path: path, lineOffset: lineOffset, origin: location(of: entry))
                let name = u.string("name", required: "the unit's name")
                u.used.insert("units")
                let below = u.valueNode("units").map { u.chartUnits($0, key: "units", level: level + 1) } ?? []
                u.warnUnknown(allowed: [])
                diagnostics.append(contentsOf: u.diagnostics.all)
                if let name { units.append(OrganisationUnit(name: name, units: below)) }
            default:
                diagnostics.error(location(of: entry), "each entry of '\(key)' must be a unit's name or a group with 'name' and 'units'")
            }
        }
        return units
    }

    /// A phone number, checked; one that is not is an error at its line (and fails the build).
    mutating func phoneNumber(_ key: String) -> String? {
        guard let phone = string(key) else { return nil }
        if phone.range(of: "^\\+?[0-9 ().-]{6,20}$", options: .regularExpression) == nil {
            diagnostics.error(locationOf(key), "'\(phone)' does not look like a phone number (digits, spaces, +, -, . and parentheses)")
        }
        return phone
    }

    /// An e-mail address, checked as `phoneNumber` is.
    mutating func emailAddress(_ key: String) -> String? {
        guard let email = string(key) else { return nil }
        if email.range(of: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", options: .regularExpression) == nil {
            diagnostics.error(locationOf(key), "'\(email)' does not look like an e-mail address")
        }
        return email
    }
}

// An organisation in the content cache and the site snapshot (see `Incremental/ContentCache.swift`).

extension BinaryWriter {
    mutating func organisation(_ o: Organisation, base: String) {
        rawValue(o.organisationKind)
        optional(o.parent) { $0.string($1) }
        optional(o.address) { $0.string($1) }
        optional(o.phone) { $0.string($1) }
        optional(o.fax) { $0.string($1) }
        optional(o.email) { $0.string($1) }
        optional(o.workingHours) { $0.string($1) }
        array(o.officials) { w, official in
            w.optional(official.name) { $0.string($1) }
            w.optional(official.position) { $0.string($1) }
            w.optional(official.unit) { $0.string($1) }
            w.optional(official.phone) { $0.string($1) }
            w.optional(official.email) { $0.string($1) }
        }
        units(o.chart)
        optional(o.chartImage) { w, image in
            w.string(image.file)
            w.string(image.alt)
            w.location(image.location, base: base)
        }
    }

    mutating func units(_ units: [OrganisationUnit]) {
        array(units) { w, unit in
            w.string(unit.name)
            w.units(unit.units)
        }
    }
}

extension BinaryReader {
    mutating func organisation(base: String) throws(Corrupt) -> Organisation {
        let kind: OrganisationKind = try rawValue()
        let parent = try optionalString()
        let address = try optionalString()
        let phone = try optionalString()
        let fax = try optionalString()
        let email = try optionalString()
        let workingHours = try optionalString()
        let officials = try array { r throws(Corrupt) -> Official in
            let name = try r.optionalString()
            let position = try r.optionalString()
            let unit = try r.optionalString()
            let phone = try r.optionalString()
            return Official(name: name, position: position, unit: unit, phone: phone, email: try r.optionalString())
        }
        let chart = try units(level: 1)
        let chartImage = try optional { r throws(Corrupt) -> ChartImage in
            let file = try r.string()
            let alt = try r.string()
            return ChartImage(file: file, alt: alt, location: try r.location(base: base))
        }
        return Organisation(organisationKind: kind, parent: parent, address: address, phone: phone, fax: fax, email: email,
                            workingHours: workingHours, officials: officials, chart: chart, chartImage: chartImage)
    }

    /// Nested no deeper than the loader allows: a damaged file must not recurse without end.
    mutating func units(level: Int) throws(Corrupt) -> [OrganisationUnit] {
        guard level <= YAMLFields.deepestChartLevel + 1 else { throw Corrupt() }  // the deepest units' empty lists
        return try array { r throws(Corrupt) -> OrganisationUnit in
            let name = try r.string()
            return OrganisationUnit(name: name, units: try r.units(level: level + 1))
        }
    }
}
