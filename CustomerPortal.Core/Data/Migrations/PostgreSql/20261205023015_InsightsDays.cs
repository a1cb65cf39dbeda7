using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPortal.Core.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InsightsDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InsightsDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    TimeZoneId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PaymentDaysPortal = table.Column<byte[]>(type: "bytea", nullable: false),
                    PaymentDaysByHand = table.Column<byte[]>(type: "bytea", nullable: false),
                    PaidOnTime = table.Column<int>(type: "integer", nullable: false),
                    Collected = table.Column<long>(type: "bigint", nullable: false),
                    PaymentsInPortal = table.Column<int>(type: "integer", nullable: false),
                    PaymentsByHand = table.Column<int>(type: "integer", nullable: false),
                    EstimatesSent = table.Column<int>(type: "integer", nullable: false),
                    EstimatesAccepted = table.Column<int>(type: "integer", nullable: false),
                    AnswerDays = table.Column<byte[]>(type: "bytea", nullable: false),
                    PortalSignIns = table.Column<int>(type: "integer", nullable: false),
                    WaitHours = table.Column<byte[]>(type: "bytea", nullable: false),
                    WaitAnsweredBy = table.Column<byte[]>(type: "bytea", nullable: false),
                    WaitsUnanswered = table.Column<int>(type: "integer", nullable: false),
                    OneStar = table.Column<int>(type: "integer", nullable: false),
                    TwoStars = table.Column<int>(type: "integer", nullable: false),
                    ThreeStars = table.Column<int>(type: "integer", nullable: false),
                    FourStars = table.Column<int>(type: "integer", nullable: false),
                    FiveStars = table.Column<int>(type: "integer", nullable: false),
                    OverdueAtEnd = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightsDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "InsightsRollup",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ChangeCount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightsRollup", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "InsightsRollup",
                columns: new[] { "Id", "ChangeCount" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightsDays");

            migrationBuilder.DropTable(
                name: "InsightsRollup");
        }
    }
}
