using Jiuzhu.Kernel;
using Jiuzhu.Providers;
using Jiuzhu.Providers.Domain;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Tests.Providers;

public sealed class OpeningHoursTests
{
    [Fact]
    public void Weekday_ranges_are_parsed_grouped_and_described_in_Chinese()
    {
        var hours = OpeningHours.Parse("1-5 08:00-11:30,13:30-17:00; 6 09:00-12:00").Value;
        Assert.Equal("1-5 08:00-11:30,13:30-17:00; 6 09:00-12:00", hours.ToText());
        Assert.Equal("周一至周五 08:00-11:30、13:30-17:00；周六 09:00-12:00", hours.Describe());
        Assert.True(hours.IsOpen(DayOfWeek.Monday, new TimeOnly(8, 0)));
        Assert.True(hours.IsOpen(DayOfWeek.Friday, new TimeOnly(16, 59)));
        Assert.False(hours.IsOpen(DayOfWeek.Monday, new TimeOnly(11, 30)));
        Assert.False(hours.IsOpen(DayOfWeek.Saturday, new TimeOnly(13, 0)));
        Assert.False(hours.IsOpen(DayOfWeek.Sunday, new TimeOnly(10, 0)));
    }

    [Fact]
    public void Full_width_punctuation_day_lists_and_midnight_ends_are_accepted_and_normalised()
    {
        var hours = OpeningHours.Parse("7，1 10：00－24:00；2-3 06:30-09:00").Value;
        Assert.Equal("1 10:00-24:00; 2-3 06:30-09:00; 7 10:00-24:00", hours.ToText());
        Assert.True(hours.IsOpen(DayOfWeek.Sunday, new TimeOnly(23, 59)));
        Assert.Equal(hours.ToText(), OpeningHours.Parse(hours.ToText()).Value.ToText());
    }

    [Fact]
    public void An_empty_text_means_no_hours_given()
    {
        var hours = OpeningHours.Parse("  ").Value;
        Assert.True(hours.IsClosedAllWeek);
        Assert.Equal(string.Empty, hours.ToText());
        Assert.Equal("未登记营业时间", hours.Describe());
    }

    [Theory]
    [InlineData("8 08:00-09:00", "不是星期")]
    [InlineData("5-1 08:00-09:00", "不是星期")]
    [InlineData("周一 08:00-09:00", "不是星期")]
    [InlineData("1 09:00-08:00", "结束时间须晚于开始时间")]
    [InlineData("1 08:00-08:00", "结束时间须晚于开始时间")]
    [InlineData("1 08:00-10:00,09:30-11:00", "重叠")]
    [InlineData("1 8:00-9:00", "不是时间段")]
    [InlineData("1 08:00-24:30", "不是时间段")]
    [InlineData("1 23:60-23:59", "不是时间段")]
    [InlineData("1-5 08:00-11:00; 3 14:00-15:00", "周三重复出现")]
    [InlineData("08:00-17:00", "缺少星期或时间段")]
    public void Malformed_hours_are_refused_with_a_clear_message(string text, string mentions)
    {
        var result = OpeningHours.Parse(text);
        Assert.False(result.IsSuccess);
        Assert.Equal("provider.bad_opening_hours", result.Error!.Code);
        Assert.Contains(mentions, result.Error.Message, StringComparison.Ordinal);
    }
}

public sealed class QualificationTests
{
    private static readonly DateOnly Day = new(2026, 11, 29);

    private static Qualification Q(string type, DateOnly from, DateOnly? to) => new(Guid.NewGuid(), type, "N-1", "县民政局", from, to);

    [Fact]
    public void A_qualification_is_valid_from_its_first_to_its_last_day_inclusive()
    {
        var q = Q("民办非企业单位登记证书", Day, Day.AddDays(100));
        Assert.False(q.IsValidOn(Day.AddDays(-1)));
        Assert.True(q.IsValidOn(Day));
        Assert.True(q.IsValidOn(Day.AddDays(100)));
        Assert.False(q.IsValidOn(Day.AddDays(101)));
        Assert.True(Q("营业执照", Day, null).IsValidOn(new DateOnly(2099, 1, 1)));
    }

    [Fact]
    public void The_status_warns_when_it_lapses_within_the_next_30_days_and_says_expired_after()
    {
        var q = Q("食品经营许可证", Day.AddYears(-1), Day.AddDays(30));
        Assert.Equal(QualificationStatus.Valid, q.StatusOn(Day));
        Assert.Equal(QualificationStatus.ExpiringSoon, q.StatusOn(Day.AddDays(1)));
        Assert.Equal(QualificationStatus.ExpiringSoon, q.StatusOn(Day.AddDays(30)));
        Assert.Equal(QualificationStatus.Expired, q.StatusOn(Day.AddDays(31)));
        Assert.Equal(QualificationStatus.NotYetValid, q.StatusOn(Day.AddYears(-2)));
    }

    [Fact]
    public void A_provider_is_qualified_when_every_type_it_holds_has_one_in_force_and_a_renewal_replaces_the_old_licence()
    {
        var expiredLicence = Q("食品经营许可证", Day.AddYears(-5), Day.AddDays(-1));
        var registration = Q("营业执照", Day.AddYears(-5), null);
        Assert.False(Provider.QualifiedOn([registration, expiredLicence], Day));
        Assert.Equal(QualificationStatus.Expired, Provider.StatusOf([registration, expiredLicence], Day));

        var renewed = Q("食品经营许可证", Day, Day.AddYears(5));
        Assert.True(Provider.QualifiedOn([registration, expiredLicence, renewed], Day));
        Assert.Equal(QualificationStatus.Valid, Provider.StatusOf([registration, expiredLicence, renewed], Day));
        Assert.Equal(QualificationStatus.ExpiringSoon, Provider.StatusOf([registration, Q("食品经营许可证", Day, Day.AddDays(10))], Day));
    }

    [Fact]
    public void A_provider_without_qualifications_is_never_qualified()
    {
        Assert.False(Provider.QualifiedOn([], Day));
        Assert.Equal(QualificationStatus.None, Provider.StatusOf([], Day));
        Assert.Equal(QualificationStatus.NotYetValid, Provider.StatusOf([Q("营业执照", Day.AddDays(1), null)], Day));
    }
}

public sealed class CapacityAndPlaceTests
{
    [Theory]
    [InlineData("LIFE-01", CapacityPeriod.Week, 300, null)]
    [InlineData("LIFE-01", CapacityPeriod.Day, 1, null)]
    [InlineData("LIFE-01", CapacityPeriod.Month, Capacity.MaxQuantity, null)]
    [InlineData("LIFE-01", CapacityPeriod.Week, 0, "provider.bad_capacity")]
    [InlineData("LIFE-01", CapacityPeriod.Week, -5, "provider.bad_capacity")]
    [InlineData("LIFE-01", CapacityPeriod.Week, Capacity.MaxQuantity + 1, "provider.bad_capacity")]
    [InlineData("LIFE-01", (CapacityPeriod)9, 10, "provider.bad_capacity_period")]
    [InlineData("LIFE-02", CapacityPeriod.Week, 10, "provider.capacity_item_not_offered")]
    public void A_capacity_is_a_positive_quantity_per_period_of_an_item_the_provider_offers(string item, CapacityPeriod period, int quantity, string? code) =>
        Assert.Equal(code, Capacity.Check(item, period, quantity, ["LIFE-01", "HEALTH-01"])?.Code);

    [Fact]
    public void Coordinates_must_be_WGS84_degrees_inside_China_and_swapped_ones_are_named()
    {
        Assert.Null(Coordinates.Check(35.70, 119.21));
        Assert.Equal("provider.bad_coordinates", Coordinates.Check(double.NaN, 119.2)!.Code);
        Assert.Equal("provider.bad_coordinates", Coordinates.Check(91, 119.2)!.Code);
        Assert.Equal("provider.bad_coordinates", Coordinates.Check(35.7, 181)!.Code);
        Assert.Contains("填反", Coordinates.Check(119.21, 35.70)!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("填反", Coordinates.Check(-33.9, 151.2)!.Message, StringComparison.Ordinal);
    }
}

public sealed class ProviderAccessTests
{
    private const string Home = "371121000000";

    private static FixedActor Actor(string role, string jurisdiction, Guid? organization = null) =>
        new(ActorKind.User, Guid.NewGuid(), "someone", [role], RegionCode.Parse(jurisdiction), null, organization);

    [Fact]
    public void County_staff_of_the_home_county_and_regional_admins_above_it_administer_a_provider()
    {
        Assert.True(ProviderAccess.CanAdminister(Actor(Roles.CountyOfficer, "371121"), Home));
        Assert.True(ProviderAccess.CanAdminister(Actor(Roles.CountyApprover, "371121"), "371121101000"));
        Assert.True(ProviderAccess.CanAdminister(Actor(Roles.RegionalAdmin, "3711"), Home));
        Assert.True(ProviderAccess.CanAdminister(FixedActor.System("test"), Home));
        Assert.False(ProviderAccess.CanAdminister(Actor(Roles.CountyOfficer, "371122"), Home));
        Assert.False(ProviderAccess.CanAdminister(Actor(Roles.TownshipSocialWorker, "371121101"), Home));
        Assert.False(ProviderAccess.CanAdminister(Actor(Roles.ProviderStaff, "371121"), Home));
        Assert.False(ProviderAccess.CanAdminister(FixedActor.Anonymous, Home));
    }

    [Fact]
    public void Provider_staff_act_for_their_own_organization_only()
    {
        Assert.True(ProviderAccess.IsOwnOrganizationOnly(Actor(Roles.ProviderStaff, "371121", Guid.NewGuid())));
        Assert.False(ProviderAccess.IsOwnOrganizationOnly(Actor(Roles.CountyOfficer, "371121")));
    }

    [Fact]
    public void A_region_is_served_by_providers_serving_it_or_any_region_enclosing_it()
    {
        Assert.Equal(["371121101201", "371121101000", "371121000000", "371100000000", "370000000000"],
            ProviderAccess.SelfAndAncestors(RegionCode.Parse("371121101201")));
        Assert.Equal(["370000000000"], ProviderAccess.SelfAndAncestors(RegionCode.Parse("37")));
    }
}

public sealed class ProviderCreditCodeTests
{
    /// <summary>The demo providers' codes: social organizations registered by civil affairs (52), enterprises (91), a public institution (12).</summary>
    [Theory]
    [InlineData("52371121MJD0001188")]
    [InlineData("91371121MA3C0002X4")]
    [InlineData("52371121MJD000337J")]
    [InlineData("12371121493010046R")]
    [InlineData("91371121MA3C00054R")]
    [InlineData("52371121MJD0006601")]
    public void The_demo_codes_satisfy_GB_32100(string code)
    {
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
        Assert.Equal(code[17], UnifiedSocialCreditCode.CheckCharacter(code));
    }

    [Theory]
    [InlineData("52371121MJD0001187", "uscc.check_character")]
    [InlineData("52371121MJD00O1188", "uscc.character")]
    [InlineData("5237112IMJD0001188", "uscc.character")]
    public void Mistyped_codes_are_refused(string code, string reason) =>
        Assert.Equal(reason, UnifiedSocialCreditCode.Check(code).Reason?.Code);

    [Fact]
    public void A_code_with_a_character_missing_is_refused() =>
        Assert.False(UnifiedSocialCreditCode.Check("52371121MJD000118").Valid);
}
